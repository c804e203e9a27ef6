"""Qt item models over plain results from ui.operations (no database access here)."""

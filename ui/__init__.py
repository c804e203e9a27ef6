"""ui: the PySide6 desktop app over the dslapp core."""

from ui.none_guard import keep_none_alive

keep_none_alive()  # before any Qt call: see ui/none_guard.py

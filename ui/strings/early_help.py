"""Early Help: the tab, starting, reviewing, revising and closing a plan, and the Levels of Need tool."""

EARLY_HELP_COLUMNS = ("Date", "Record", "Summary")

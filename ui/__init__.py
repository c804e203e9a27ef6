"""ui: the PySide6 desktop app over the dslapp core."""

import dslapp.config  # noqa: F401  (see below)
from ui.none_guard import keep_none_alive

keep_none_alive()  # before any Qt call: see ui/none_guard.py

# dslapp.config (the settings the app starts with, and pydantic with them) is imported here, before PySide6, for
# start-up time (issue 16): PySide6 reads the source of every module imported after it (looking for
# ``from __feature__ import``), which for pydantic's hundred modules cost about 50 ms of CPU at each start.

"""The only path from widgets to services: each function puts a service call on the DB worker thread.

Widgets never run SQL and never hold the vault; they call ``ui.operations.<area>`` functions with a
:class:`Session` and callbacks, and get plain results (models, summaries, ``Changes``) back on the GUI
thread.
"""

from ui.operations.runner import DbRunner
from ui.operations.session import Session

__all__ = ["DbRunner", "Session"]

"""What an unlocked casebook needs, loaded while the passphrase is typed (issue 16, "start to the unlock window").

The unlock window is built from the app controller, the main window and the unlock screen alone: none of them
imports the workspace, its screens and dialogs, the record store, the models, the services, reportlab or the
passphrase checker. Those cost more than the rest of start-up together, so the app loads them here, on the DB
worker, a moment after the unlock window has been shown (:data:`AFTER_SHOWN_MS`), while the user types; the
unlock that follows then finds them loaded.

This is the one place the app imports modules by name to start quickly (the packaged app collects every
``dslapp`` and ``ui`` module: ``packaging/dslapp.spec``).
"""

from __future__ import annotations

import importlib

AFTER_SHOWN_MS = 300
"""How long after the unlock window is shown the loading starts: time for the window to paint first, well
before anyone has typed a passphrase and pressed Unlock."""

UNLOCKED = (
    "dslapp.store",
    "dslapp.services.casebook",
    "dslapp.services.ui_support",
    "dslapp.services.chronology",
    "dslapp.services.drafts",
    "ui.windows.workspace",
)
"""The modules an unlocked casebook uses first (each brings in what it imports): the record store and the models,
the services Today and the caseload call, and the workspace with its screens."""


SETTINGS = ("dslapp.guidance.config", "dslapp.guidance.chronology_quality")
"""The practice settings (shipped TOML with this installation's overrides), which the first Today reads, and the
chronology's wording settings (their phrases compiled), which the first chronology shown reads."""


def load_unlocked() -> None:
    """Import :data:`UNLOCKED` and read the practice settings (a job for the DB worker: no widget is made, only
    classes defined and the settings parsed, as the first Today after the unlock would otherwise)."""
    for name in UNLOCKED:
        importlib.import_module(name)
    for name in SETTINGS:
        importlib.import_module(name).get_config()

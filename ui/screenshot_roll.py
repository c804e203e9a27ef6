"""The school roll import for the screenshots (docs/screenshots/20-roll-import-*.png), on the demo casebook.

The export is made up here (fictional pupils, plus two of the demo's children so the preview shows updates and
a match by UPN), written to a temporary file the dialog reads, and deleted; nothing is imported.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from dslapp.models import Child
from dslapp.services.casebook import Casebook
from ui.dialogs.roll_import import RollImportDialog
from ui.operations.session import Session

_PUPILS = (
    "A900000000101,Testpupil,Zoë,Zo,04/03/2016,Year 5,F",
    "A900000000102,Examplechild,Oliver,,20/11/2015,Year 6,M",
    "A900000000103,Fictionska,Łucja,Lucy,17/05/2017,Year 4,F",
    "A900000000104,Sampleton,Noor,,2018-09-09,Year 3,F",
    "A900000000104,Otherchild,Sam,,13/01/2017,Year 4,M",
    "A900000000106,Nodob,Riley,,,Year 3,M",
)


def roll_shots(session: Session, store: Casebook, shot: Callable[[str, QWidget | None], None]) -> None:
    """The mapping and preview steps of the roll import (the dialog is closed without importing)."""
    children = [c for c in store.all_of(Child) if c.upn][:2]
    rows = [
        f"{c.upn},{c.legal_surname},{c.legal_forename},{c.known_as},{c.dob.strftime('%d/%m/%Y')},Year 6,{c.gender}"
        for c in children
    ]
    text = "UPN,Legal Surname,Legal Forename,Preferred Forename,DOB,Year,Gender\r\n"
    text += "\r\n".join([*rows, *_PUPILS]) + "\r\n"
    with tempfile.TemporaryDirectory(prefix="dslapp-roll-shot-") as folder:
        path = Path(folder) / "SIMS pupil export.csv"
        path.write_bytes(text.encode("cp1252", errors="replace"))
        dialog = RollImportDialog(session)
        dialog.resize(980, 660)
        dialog.show()
        dialog.open_file(path)
        shot("20-roll-import-columns", dialog)
        dialog.next()
        shot("21-roll-import-preview", dialog)
        dialog.reject()

"""Staff reporting for the screenshots (issue 19), on the demo casebook; fictional data only.

Staff mode with a concern typed, then with the team's acknowledgement shown (docs/screenshots/15-staff-mode.png,
16-staff-receipt.png); the DSL's Today with "New concerns from staff" and the concern from staff dialog
(17-staff-inbox.png, 18-staff-triage.png)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from dslapp.services import staff_reports
from dslapp.services.casebook import Casebook
from dslapp.team.staff_drop import TeamContact
from ui.operations.staff_ops import StaffMode
from ui.windows.staff_report import StaffReportWindow


def staff_shots(controller: Any, store: Casebook, home: Path, shot: Callable[[str, QWidget | None], None]) -> None:
    drop = home / "staff-drop"
    drop.mkdir(parents=True, exist_ok=True)
    staff_reports.create_reporting_key(store, drop=drop)
    config = staff_reports.staff_config(
        store,
        contacts=[
            TeamContact(name="Mrs Jo Example", role="DSL", phone="01632 960123", where="Office by the hall"),
            TeamContact(name="Mr Sam Sample", role="Deputy DSL", phone="01632 960124"),
        ],
    )
    mode = StaffMode(config, home=home / "staff-computer")
    earlier = datetime.now().replace(second=0, microsecond=0) - timedelta(minutes=40)
    window = StaffReportWindow(mode, now=lambda: earlier)
    window.resize(780, 1180)
    window.show()
    window.reporter_name.setText("Ms Pat Lunchtime-Example")
    window.reporter_role.setText("Midday supervisor")
    window.child_name.setText("Rory Fictionchild")
    window.year_group.setText("Year 3")
    window.where.setText("Playground, by the climbing frame")
    window.what.setPlainText(
        "Rory was sitting alone and crying. When I asked if he was all right he showed me a red mark on the back "
        "of his left hand, about 3 cm across."
    )
    window.words.setPlainText("Dad's new friend hit me with the remote because I was too loud.")
    window.did.setPlainText("Listened, said I would have to tell Mrs Example, did not ask questions. Came straight in.")
    window.told.setText("Nobody else")
    window.urgent.setChecked(True)
    window.what.setFocus()
    shot("15-staff-mode", window)
    window.send()
    staff_reports.take_in(store)  # what a DSL's laptop does at its next sync
    window.check_outbox()  # what staff mode's timer does
    window.resize(780, 1560)  # tall enough to show the receipts under the (now empty) form
    shot("16-staff-receipt", window)
    window.close()

    workspace = controller.workspace
    workspace.go(type(workspace.location)("today"))
    workspace.today.refresh()
    shot("17-staff-inbox", None)
    record_id = workspace.today.items["staff_concerns"][0].record_id
    controller.open_staff_report(record_id)
    from ui.dialogs.staff_report import StaffReportDialog

    dialog = next(d for d in controller.dialogs if isinstance(d, StaffReportDialog))
    dialog.resize(820, 860)
    dialog.new_child.setChecked(True)
    dialog.category.setCurrentIndex(dialog.category.findData("physical_abuse"))
    dialog.decision.setPlainText(
        "Rory is not on our caseload yet; checked the roll with the office. Phoning the Front Door."
    )
    shot("18-staff-triage", dialog)
    dialog.reject()

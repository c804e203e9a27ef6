"""The household view, the statutory plans card and the Operation Encompass entry for the screenshots
(docs/screenshots/30-household.png, 31-encompass.png), on the demo casebook with a fictional family added."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from PySide6.QtWidgets import QApplication, QWidget

from dslapp.models import Category, Child, ChildStatus, Concern, DslDecision, Severity, StatutoryType
from dslapp.services import recording
from dslapp.services.casebook import Casebook
from dslapp.services.children import list_children
from dslapp.services.family import create_household
from dslapp.services.statutory import record_statutory


def _family(store: Casebook, today: date) -> list[Child]:
    def child(forename: str, years: int, year_group: str, status: ChildStatus) -> Child:
        born = date(today.year - years, 5, 17)
        made = Child(legal_forename=forename, legal_surname="Examplewood", dob=born, year_group=year_group,
                     status=status)  # fmt: skip
        return store.add(made)

    eldest = child("Rowan", 10, "Year 6", ChildStatus.UNIVERSAL)
    middle = child("Ivy", 8, "Year 4", ChildStatus.UNIVERSAL)
    youngest = child("Finn", 5, "Reception", ChildStatus.UNIVERSAL)
    record_statutory(
        store, eldest.id, status_type=StatutoryType.CP_PLAN, started_on=today - timedelta(days=45),
        cp_category="neglect", local_authority="Fictionshire County Council", social_worker="Priya Examplesocial",
        social_worker_contact="01632 960555", review_conferences=[today + timedelta(days=7)],
        core_groups=[today - timedelta(days=20), today + timedelta(days=5)],
    )  # fmt: skip
    record_statutory(store, middle.id, status_type=StatutoryType.CIN_PLAN, started_on=today - timedelta(days=45),
                     social_worker="Priya Examplesocial")  # fmt: skip
    recording.record(
        store, Concern, child_id=middle.id, observed_at=datetime.combine(today - timedelta(days=6), time(8, 50)),
        reporter_name="Mr Example Teacher", reporter_role="Class teacher", categories=[Category.NEGLECT],
        severity=Severity.MEDIUM, what_happened="Arrived hungry and without a coat in the rain.",
        dsl_decision=DslDecision.INFORM_SOCIAL_WORKER, significant=True,
    )  # fmt: skip
    create_household(store, "Examplewood household", [eldest.id, middle.id, youngest.id])
    return [eldest, middle, youngest]


def family_shots(workspace: Any, store: Casebook, today: date, shot: Callable[[str, QWidget | None], None]) -> None:
    """A family of three fictional children: the middle child's front sheet scrolled to the statutory and household
    cards, then the Encompass quick entry naming two of them."""
    from ui.dialogs.encompass import EncompassDialog

    eldest, middle, _youngest = _family(store, today)
    workspace.go(type(workspace.location)("child", str(middle.id), "overview"))
    page = workspace.child_page
    overview = page.overview
    for _ in range(5):  # let the front sheet lay itself out before scrolling to the household
        QApplication.processEvents()
    overview.verticalScrollBar().setValue(page.statutory.geometry().top() - 8)
    shot("30-household", None)
    dialog = EncompassDialog(workspace.session, list_children(store), datetime.now().replace(second=0), "", workspace)
    dialog.resize(900, 700)
    dialog.set_chosen([str(eldest.id), str(middle.id)])
    dialog.filter.setText("Examplewood")
    dialog.reference.setText("FX/2026/0415")
    dialog.notification.setPlainText(
        "Police attended the family home at 22:10 after a neighbour reported shouting. Mother had a cut to her lip; "
        "father was arrested. Rowan and Ivy were at home and awake; Finn was asleep."
    )
    dialog.told.setText("Class teachers of Rowan and Ivy; the head teacher")
    dialog.support.setPlainText("Breakfast club with a key adult; a quiet check-in before registration.")
    dialog.show()
    shot("31-encompass", dialog)
    dialog.reject()

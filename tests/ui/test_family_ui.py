"""Households, statutory plans and Operation Encompass on screen, on a real vault (issue 17, items 3-5): the
household card shows each sibling's status, open plans and recent concerns and opens a sibling's record; the
statutory card adds a CP plan (its report reminder then on Today); the Encompass quick entry saves a
notification for two children, each then on Today. Fictional data only.

With ``DSLAPP_SHOTS=<folder>`` the screens are also saved as PNGs there, to look at."""

from __future__ import annotations

import os
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from ui_helpers import support

from dslapp.guidance.alerts import RuleId
from dslapp.models import (
    Category,
    Child,
    ChildLink,
    ChildStatus,
    Concern,
    DslDecision,
    EncompassNotice,
    LinkRelationship,
    Severity,
    StatutoryRecord,
    StatutoryType,
)
from dslapp.services import recording
from dslapp.services.family import create_household
from dslapp.services.statutory import record_statutory
from dslapp.store import RecordStore
from ui import strings
from ui.dialogs.encompass import EncompassDialog
from ui.dialogs.link_child import LinkChildDialog
from ui.dialogs.statutory import StatutoryDialog
from ui.windows.child_record import ChildRecordPage
from ui.windows.today import ITEM_ROLE, TodayPage

TODAY = date.today()
SHOTS = os.environ.get("DSLAPP_SHOTS", "")


def _family(store: RecordStore) -> tuple[Child, Child, Child]:
    def child(forename: str, years: int, year_group: str, status: ChildStatus) -> Child:
        born = date(TODAY.year - years, 2, 11)
        return store.add(Child(legal_forename=forename, legal_surname="Testhousehold", dob=born,
                               year_group=year_group, status=status))  # fmt: skip

    eldest = child("Jasper", 11, "Year 6", ChildStatus.UNIVERSAL)
    middle = child("Olive", 9, "Year 4", ChildStatus.EARLY_HELP)
    youngest = child("Bramble", 6, "Year 1", ChildStatus.UNIVERSAL)
    record_statutory(
        store, eldest.id, status_type=StatutoryType.CP_PLAN, started_on=TODAY - timedelta(days=40),
        cp_category="neglect", social_worker="Priya Fictionsocial", local_authority="Fictionshire County Council",
        review_conferences=[TODAY + timedelta(days=7)], core_groups=[TODAY + timedelta(days=4)],
    )  # fmt: skip
    recording.record(
        store, Concern, child_id=middle.id, observed_at=f"{TODAY - timedelta(days=5)}T08:55",
        reporter_name="Mr Fictionteacher", reporter_role="Class teacher", categories=[Category.NEGLECT],
        severity=Severity.MEDIUM, what_happened="Arrived hungry; no coat in the rain.",
        dsl_decision=DslDecision.MONITOR, decision_reasons="Talk with mum at pick-up.",
    )  # fmt: skip
    create_household(store, "Testhousehold household", [eldest.id, middle.id, youngest.id])
    return eldest, middle, youngest


def _open(qtbot: QtBot, make_app, vault, child: Child):  # type: ignore[no-untyped-def]
    from ui.windows.unlock import UnlockPage
    from ui.windows.workspace import Location

    vault.lock()
    app = make_app(real_dir=vault.directory).app
    app.start()
    page = app.window.screen_widget
    assert isinstance(page, UnlockPage)
    qtbot.keyClicks(page.passphrase, support.PASSPHRASE)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    app.workspace.go(Location("child", str(child.id), "overview"))
    record = app.workspace.child_page
    assert isinstance(record, ChildRecordPage)
    return app, record


def _texts(widget) -> list[str]:  # type: ignore[no-untyped-def]
    return [label.text() for label in widget.findChildren(QLabel)]


def test_household_card_shows_the_family_and_opens_a_sibling(qtbot: QtBot, make_app, vault, store) -> None:  # type: ignore[no-untyped-def]
    eldest, middle, _youngest = _family(store)
    app, record = _open(qtbot, make_app, vault, middle)
    card = record.household
    texts = _texts(card)
    assert "Jasper Testhousehold" in texts and "Bramble Testhousehold" in texts
    assert "Child Protection plan (CP)" in texts and "Early Help" in texts  # each child's status
    assert strings.HOUSEHOLD_PLANS.format(plans="Child Protection plan (neglect)") in texts
    assert any(t.startswith("1 concern in the last 90 days:") and "Neglect" in t for t in texts)
    statutory_texts = _texts(record.statutory)
    assert strings.STATUTORY_NONE in statutory_texts
    if SHOTS:
        record.resize(1280, 1500)
        record.show()
        qtbot.wait(50)
        record.grab().save(os.path.join(SHOTS, "household_front_sheet.png"))
        card.grab().save(os.path.join(SHOTS, "household_card.png"))
    card.open_child.emit(str(eldest.id))
    assert app.workspace.child_page is not None and app.workspace.child_page.child_id == str(eldest.id)
    eldest_page = app.workspace.child_page
    assert any(t.startswith("Social worker: Priya Fictionsocial") for t in _texts(eldest_page.statutory))
    if SHOTS:
        eldest_page.resize(1280, 1500)
        eldest_page.show()
        qtbot.wait(50)
        eldest_page.statutory.grab().save(os.path.join(SHOTS, "statutory_card.png"))


def test_statutory_card_adds_a_cp_plan_and_today_shows_the_report(qtbot: QtBot, make_app, vault, store) -> None:  # type: ignore[no-untyped-def]
    _eldest, middle, _youngest = _family(store)
    app, record = _open(qtbot, make_app, vault, middle)
    dialog = record.statutory.open_dialog(None)
    assert isinstance(dialog, StatutoryDialog) and dialog.isVisible()
    dialog.status_type.setCurrentIndex(dialog.status_type.findData(StatutoryType.CP_PLAN.value))
    dialog.started.setDate(QDate(TODAY.year, TODAY.month, TODAY.day).addDays(-14))
    dialog.category.setCurrentIndex(dialog.category.findData("emotional_abuse"))
    dialog.social_worker.setText("Kit Fictionworker")
    dialog.conferences.setText("not a date")
    dialog.save()
    assert "could not be read" in dialog.error.text() and dialog.isVisible()
    dialog.conferences.setText((TODAY + timedelta(days=6)).strftime("%d/%m/%Y"))
    if SHOTS:
        qtbot.wait(50)
        dialog.grab().save(os.path.join(SHOTS, "statutory_dialog.png"))
    dialog.save()
    saved: list[StatutoryRecord] = app.session.require_store().for_child(middle.id, StatutoryRecord)
    assert len(saved) == 1 and saved[0].review_conferences == [TODAY + timedelta(days=6)]
    assert app.session.require_store().get_as(Child, middle.id).status == ChildStatus.CP
    page = TodayPage(app.session, TODAY)
    qtbot.addWidget(page)
    page.refresh()
    alerts = [page.sections["alerts"].list.item(n).data(ITEM_ROLE) for n in range(page.sections["alerts"].list.count())]
    report = [a for a in alerts if a.rule_id == RuleId.CONFERENCE_REPORT_DUE and a.child_id == str(middle.id)]
    assert len(report) == 1 and report[0].due == TODAY + timedelta(days=3)
    # the oversight card: both children with a CP plan, each one click from their record
    oversight = page.social_workers
    assert [r.name for r in oversight.rows] == ["Jasper Testhousehold", "Olive Testhousehold"]
    texts = _texts(oversight)
    assert any(
        t.startswith("Child Protection plan (emotional abuse) · Kit Fictionworker · next conference") for t in texts
    )
    opened: list[tuple[str, str]] = []
    page.open_child.connect(lambda child_id, tab: opened.append((child_id, tab)))
    oversight.open_child.emit(str(middle.id))
    assert opened == [(str(middle.id), "overview")]
    if SHOTS:
        page.resize(1280, 1000)
        page.show()
        qtbot.wait(50)
        oversight.grab().save(os.path.join(SHOTS, "social_worker_card.png"))


def test_encompass_quick_entry_for_two_children(qtbot: QtBot, make_app, vault, store) -> None:  # type: ignore[no-untyped-def]
    eldest, middle, _youngest = _family(store)
    app, _record = _open(qtbot, make_app, vault, middle)
    page = TodayPage(app.session, TODAY)
    qtbot.addWidget(page)
    page.record_encompass()
    dialog = page.encompass_dialog
    assert isinstance(dialog, EncompassDialog) and dialog.isVisible()
    dialog.save()
    assert dialog.error.text() == strings.ENCOMPASS_NEED_CHILD
    dialog.set_chosen([str(eldest.id), str(middle.id)])
    assert dialog.save_button.text() == strings.ENCOMPASS_SAVE.format(count=2)
    dialog.reference.setText("FX/2026/0123")
    dialog.notification.setPlainText("Police attended the family home after a neighbour heard shouting.")
    dialog.told.setText("Class teachers; head teacher")
    dialog.support.setPlainText("Breakfast club and a check-in with a key adult before registration.")
    if SHOTS:
        dialog.filter.setText("Testhousehold")
        qtbot.wait(50)
        dialog.grab().save(os.path.join(SHOTS, "encompass_dialog.png"))
    dialog.save()
    assert not dialog.isVisible()
    notices = app.session.require_store().all_of(EncompassNotice)
    assert sorted(str(n.child_id) for n in notices) == sorted([str(eldest.id), str(middle.id)])
    page.refresh()
    alerts = [page.sections["alerts"].list.item(n).data(ITEM_ROLE) for n in range(page.sections["alerts"].list.count())]
    named = sorted(a.child_id for a in alerts if a.rule_id == RuleId.ENCOMPASS_TODAY)
    assert named == sorted([str(eldest.id), str(middle.id)])
    if SHOTS:
        page.resize(1280, 900)
        page.show()
        qtbot.wait(50)
        page.grab().save(os.path.join(SHOTS, "today_encompass.png"))


def test_link_another_child_from_a_concern_and_amend_the_extract(qtbot: QtBot, make_app, vault, store) -> None:  # type: ignore[no-untyped-def]
    eldest, middle, _youngest = _family(store)
    concern = recording.record(
        store, Concern, child_id=eldest.id, observed_at=f"{TODAY - timedelta(days=1)}T09:10",
        reporter_name="Mr Fictionteacher", reporter_role="Class teacher", categories=[Category.PHYSICAL],
        severity=Severity.HIGH, what_happened="Jasper had a mark on his cheek; Olive was with him at the gate.",
        dsl_decision=DslDecision.INFORM_SOCIAL_WORKER, significant=True,
    ).value  # fmt: skip
    app, record = _open(qtbot, make_app, vault, eldest)
    tab = record.concerns
    record.set_tab("concerns")
    assert isinstance(tab.current(), Concern)
    tab.link_child()
    dialog = tab.dialog
    assert isinstance(dialog, LinkChildDialog)
    assert dialog.child.findData(str(eldest.id)) == -1  # not the child the concern is about
    dialog.child.setCurrentIndex(dialog.child.findData(str(middle.id)))
    dialog.relationship.setCurrentIndex(dialog.relationship.findData(LinkRelationship.WITNESS.value))
    dialog.save()
    assert dialog.error.text() == strings.LINK_NEED_EXTRACT
    dialog.extract.setPlainText("She saw her brother hurt at the gate this morning. Check in with her today.")
    if SHOTS:
        qtbot.wait(50)
        dialog.grab().save(os.path.join(SHOTS, "link_child_dialog.png"))
    dialog.save()
    links = app.session.require_store().for_child(middle.id, ChildLink)
    assert len(links) == 1 and links[0].concern_id == concern.id
    assert tab.named.text() == strings.LINK_NAMED.format(children="Olive Testhousehold (witness)")
    record.household.open_child.emit(str(middle.id))
    page = app.workspace.child_page
    assert page is not None and page.child_id == str(middle.id)
    card = page.child_links
    assert card.isVisibleTo(page)
    texts = _texts(card)
    assert "Another child in school (witness)" in texts and not any("Jasper" in t for t in texts)
    amend = card.open_dialog(links[0])
    amend.extract.setPlainText("She saw her brother hurt. Check in with her today.")
    amend.save()
    assert amend.error.text() == strings.LINK_NEED_REASON
    amend.reason.setText("Shortened.")
    amend.save()
    assert app.session.require_store().get_as(ChildLink, links[0].id).version == 2
    if SHOTS:
        page.resize(1280, 1500)
        page.show()
        qtbot.wait(50)
        page.child_links.grab().save(os.path.join(SHOTS, "child_links_card.png"))

"""One child's data never shows under another child's name (issue 16, the record opened in a page built ahead):
open child A, then child B, then A again, and every card and tab of the page shows only the child it names; on
the real threaded worker, A's results arriving after B was opened never reach B's page. Real vault, real
widgets. Fictional data only."""

from __future__ import annotations

import time
from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QLabel, QTextEdit, QWidget
from pytestqt.qtbot import QtBot
from ui_helpers import unlock, workspace

from dslapp.models import Category, Child, ChildStatus, Concern, CourtOrder, OrderType, Person, Professional
from dslapp.models.base import local_now
from dslapp.services import children, recording, supervision
from dslapp.services.changes import Changes
from dslapp.services.family import create_household
from dslapp.services.results import Saved
from dslapp.store import RecordStore
from dslapp.vault.vault import Vault
from ui.windows.child_record import ChildRecordPage
from ui.windows.workspace import Location

PASSPHRASE = "correct horse battery staple (fictional)"
TODAY = date.today()

ALPHA = ("Amira", "Alphatest", "Alma Alphaparent", "Ms Alpha Worker", "Alpha words", "Alpha reflections", "Arlo")
BETA = ("Bea", "Betatest", "Bert Betaparent", "Mr Beta Worker", "Beta words", "Beta reflections", "Bram")


def _child(store: RecordStore, marks: tuple[str, ...], concerns: int) -> Child:
    forename, surname, parent, worker, words, reflections, sibling = marks
    child = store.add(Child(legal_forename=forename, legal_surname=surname, dob=date(2015, 3, 4), gp=f"{surname} GP"))
    person = recording.record(
        store, Person, child_id=child.id, name=parent, relationship="Parent", parental_responsibility=True
    ).value
    recording.record(store, Professional, child_id=child.id, name=worker, role="Social worker", key_contact=True)
    store.add(
        CourtOrder(
            child_id=child.id, order_type=OrderType.PROHIBITED_STEPS, person_id=str(person.id), restricts=parent,
            must_not_collect=True, starts_on=TODAY - timedelta(days=3),
        )
    )  # fmt: skip
    store.add_many(
        [
            Concern(
                child_id=child.id, observed_at=local_now() - timedelta(days=n + 1), reporter_name="Mr P. E. Teacher",
                categories=[Category.NEGLECT], what_happened=f"{surname}: arrived hungry ({n}).", child_words=words,
                significant=True,
            )
            for n in range(concerns)
        ]
    )  # fmt: skip
    other = store.add(Child(legal_forename=sibling, legal_surname=surname, dob=date(2017, 6, 7)))
    create_household(store, f"{surname} household", [child.id, other.id])
    supervision.record_session(
        store, held_on=TODAY - timedelta(days=2), supervisor="Mr Fictional Supervisor", child_ids=[str(child.id)],
        reflections=reflections,
    )  # fmt: skip
    return child


def _seed(store: RecordStore) -> tuple[Child, Child]:
    return _child(store, ALPHA, 3), _child(store, BETA, 5)


def _shown(page: QWidget) -> str:
    """Every text the page shows once the record has painted (the child's words are laid out after the first
    paint): labels, buttons, text views and the tab titles."""
    record: QWidget | None = page
    while record is not None and not isinstance(record, ChildRecordPage):
        record = record.parentWidget()
    if record is not None:
        record.grab()
        QCoreApplication.processEvents()
    texts = [w.text() for w in page.findChildren(QLabel) if w.isVisibleTo(page)]
    texts += [w.text() for w in page.findChildren(QAbstractButton) if w.isVisibleTo(page)]
    texts += [w.toPlainText() for w in page.findChildren(QTextEdit) if w.isVisibleTo(page)]
    if isinstance(page, ChildRecordPage):
        texts += [page.tabs.tabText(n) for n in range(page.tabs.count())]
    return "\n".join(texts)


def _shows_only(page: ChildRecordPage, mine: tuple[str, ...], theirs: tuple[str, ...], concerns: int) -> None:
    text = _shown(page)
    for mark in mine:
        assert mark in text, mark
    for mark in theirs:
        assert mark not in text, mark
    assert f"Concerns ({concerns})" in text
    assert page.household.shown is not None and {m.name for m in page.household.shown.members} >= {
        f"{mine[6]} {mine[1]}"
    }


def _unlocked(qtbot: QtBot, make_app: Any, vault: Vault, **options: Any) -> Any:
    vault.lock()
    app = make_app(real_dir=vault.directory, **options).app
    app.start()
    unlock(qtbot, app, PASSPHRASE)
    return app


def test_opening_a_then_b_then_a_shows_only_the_child_named(
    qtbot: QtBot, make_app: Any, vault: Vault, store: RecordStore
) -> None:
    alpha, beta = _seed(store)
    app = _unlocked(qtbot, make_app, vault)
    ws = workspace(app)
    qtbot.waitUntil(lambda: ws._spare is not None)  # built ahead once the worker is idle after unlock
    spare = ws._spare
    ws.go(Location("child", str(alpha.id), "overview"))
    first = ws.child_page
    assert first is spare and first is not None and first.child_id == str(alpha.id)
    _shows_only(first, ALPHA, BETA, 3)
    assert ws.child_button.text() == "Amira Alphatest"

    ws.go(Location("child", str(beta.id), "overview"))
    second = ws.child_page
    assert second is not None and second is not first  # a page that showed a child never shows another
    assert second.court_orders.child_id == second.household.child_id == second.supervision_notes.child_id
    assert second.statutory.child_id == str(beta.id)
    _shows_only(second, BETA, ALPHA, 5)
    assert ws.child_button.text() == "Bea Betatest"
    ws.go(Location("child", str(beta.id), "concerns"))  # a record tab: the whole file is read
    assert second.opened is not None and second.opened.file.child.id == beta.id
    assert {c.child_id for c in second.opened.file.concerns} == {beta.id} and len(second.opened.file.concerns) == 5

    ws.go(Location("child", str(alpha.id), "overview"))
    third = ws.child_page
    assert third is not None and third is not second
    _shows_only(third, ALPHA, BETA, 3)


def test_a_childs_late_results_never_reach_the_next_childs_page(
    qtbot: QtBot, make_app: Any, vault: Vault, store: RecordStore
) -> None:
    alpha, beta = _seed(store)
    app = _unlocked(qtbot, make_app, vault, synchronous=False)  # the real worker thread: results arrive later
    qtbot.waitUntil(lambda: app.window.screen_widget.__class__.__name__ == "Workspace" and not app.runner.busy)
    ws = workspace(app)
    ws.go(Location("child", str(alpha.id), "overview"))  # A's front sheet, household and notes: all still to come
    ws.go(Location("child", str(beta.id), "overview"))  # B opened before any of A's results arrived
    assert ws.pages.currentWidget() is not ws.child_page  # filled off screen: never painted empty
    qtbot.waitUntil(lambda: not app.runner.busy and ws.child_page is not None and ws.child_page.front is not None)
    qtbot.wait(50)
    page = ws.child_page
    assert page is not None and page.child_id == str(beta.id)
    assert page.front is not None and page.front.file.child.id == beta.id
    _shows_only(page, BETA, ALPHA, 5)
    assert ws.child_button.text() == "Bea Betatest"
    assert ws.pages.currentWidget() is page and page.tabs.hasFocus()
    app.runner.wait()
    app.runner.stop()


def test_a_record_slow_to_read_is_shown_after_a_moment_and_fills_in_place(
    qtbot: QtBot, make_app: Any, vault: Vault, store: RecordStore
) -> None:
    alpha, _beta = _seed(store)
    app = _unlocked(qtbot, make_app, vault, synchronous=False)
    qtbot.waitUntil(lambda: app.window.screen_widget.__class__.__name__ == "Workspace" and not app.runner.busy)
    ws = workspace(app)
    assert app.session is not None
    app.session.run(lambda _store: time.sleep(0.6))  # the worker busy with something else for a while
    ws.go(Location("child", str(alpha.id), "overview"))
    page = ws.child_page
    assert page is not None and ws.pages.currentWidget() is not page
    qtbot.waitUntil(lambda: ws.pages.currentWidget() is page, timeout=2000)
    assert page.front is None  # shown before its front sheet arrived: the user sees the record opening
    qtbot.waitUntil(lambda: page.front is not None and not app.runner.busy, timeout=5000)
    qtbot.wait(10)
    _shows_only(page, ALPHA, BETA, 3)
    app.runner.wait()
    app.runner.stop()


def test_the_front_sheet_set_in_place_after_a_change_equals_a_fresh_opening(
    qtbot: QtBot, make_app: Any, vault: Vault, store: RecordStore
) -> None:
    alpha, _beta = _seed(store)
    app = _unlocked(qtbot, make_app, vault)
    ws = workspace(app)
    ws.go(Location("child", str(alpha.id), "overview"))
    page = ws.child_page
    assert page is not None and "Alphatest GP" in _shown(page.overview)
    session = app.session
    assert session is not None
    # the GP removed, the status changed and a professional added, through the session so the page hears them
    session.write(
        lambda s: Saved(
            s.amend(alpha.id, {"gp": ""}, "GP left the practice (fictional)."),
            Changes.of(Child.KIND, child_id=str(alpha.id)),
        )
    )
    session.write(lambda s: children.change_status(s, alpha.id, ChildStatus.CIN, TODAY, "Child in need plan agreed."))
    session.write(
        lambda s: recording.record(s, Professional, child_id=alpha.id, name="Ms Gamma Nurse", role="School nurse")
    )
    qtbot.waitUntil(lambda: not app.runner.busy)
    qtbot.wait(10)  # as before the next paint: the cards' lists shown again (the old deleted, the new shown)
    kept = _shown(page.overview)
    assert "Alphatest GP" not in kept and "Ms Gamma Nurse" in kept and "Ms Alpha Worker" in kept
    assert ChildStatus.CIN.label in kept
    grid = page.overview._details
    gp = grid.values[-1]
    assert gp.accessibleName() == "GP" and not gp.isVisibleTo(page) and gp.text() == ""

    ws.go(Location("today"))
    ws.go(Location("caseload"))
    ws.go(Location("child", str(_beta.id), "overview"))
    ws.go(Location("child", str(alpha.id), "overview"))  # opened afresh, in another page
    fresh = ws.child_page
    assert fresh is not None and fresh is not page
    assert sorted(_shown(fresh.overview).splitlines()) == sorted(kept.splitlines())


def test_the_chronology_built_ahead_shows_the_child_the_page_is_bound_to(
    qtbot: QtBot, make_app: Any, vault: Vault, store: RecordStore
) -> None:
    alpha, beta = _seed(store)
    app = _unlocked(qtbot, make_app, vault)
    ws = workspace(app)
    qtbot.waitUntil(lambda: ws._spare is not None)
    spare = ws._spare
    assert spare is not None and "chronology" in spare._built  # the tab a DSL opens most: built with the page
    assert spare.chronology.child_id == "" and spare.chronology.view is None
    ws.go(Location("child", str(beta.id), "chronology"))
    page = ws.child_page
    assert page is spare and page.chronology.child_id == str(beta.id)
    qtbot.waitUntil(lambda: page.chronology.view is not None)
    view = page.chronology.view
    assert view is not None and len(view.chronology.rows) == 5
    assert all("Betatest" in row.event for row in view.chronology.rows)
    assert "Alphatest" not in _shown(page)
    with pytest.raises(ValueError):
        page.chronology.bind(str(alpha.id))  # a tab that has shown a child is never given another
    assert page.chronology.child_id == str(beta.id)

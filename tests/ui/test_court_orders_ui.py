"""The court orders card on the child's front sheet, its dialog, and the order line on Today, on a real vault:
add an order restricting a parent, see the "Must not collect" warnings on the card and beside the parent,
amend it (a reason required), and see it beside the child's name on Today. Fictional data only."""

from __future__ import annotations

import os
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from ui_helpers import support

from dslapp.models import Child, CourtOrder, OrderType, Person, ReferralStatus
from dslapp.services import mash, recording
from dslapp.store import RecordStore
from dslapp.views.court_orders import MUST_NOT_COLLECT, NOT_TO_COLLECT
from ui import strings
from ui.dialogs.court_order import CourtOrderDialog
from ui.windows.child_record import ChildRecordPage
from ui.windows.today import ITEM_ROLE, TodayPage

TODAY = date.today()
SHOTS = os.environ.get("DSLAPP_SHOTS", "")


def _child(store: RecordStore) -> tuple[Child, Person]:
    child = store.add(Child(legal_forename="Amira", legal_surname="Fictional", dob=date(2015, 5, 4)))
    recording.record(store, Person, child_id=child.id, name="Mia Fictional", relationship="Mother",
                     parental_responsibility=True, lives_with_child=True)  # fmt: skip
    father = recording.record(
        store,
        Person,
        child_id=child.id,
        name="Dan Fictional",
        relationship="Father",
        parental_responsibility=True,
        notes="Non-molestation order (written here before orders could be recorded).",
    ).value
    return child, father


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


def test_add_and_amend_an_order_from_the_front_sheet(qtbot: QtBot, make_app, vault, store) -> None:  # type: ignore[no-untyped-def]
    child, father = _child(store)
    app, record = _open(qtbot, make_app, vault, child)
    card = record.court_orders
    assert strings.ORDERS_NONE in _texts(card)
    dialog = card.open_dialog(None)
    assert isinstance(dialog, CourtOrderDialog) and dialog.isVisible()
    dialog.order_type.setCurrentIndex(dialog.order_type.findData(OrderType.NON_MOLESTATION.value))
    dialog.person.setCurrentIndex(dialog.person.findData(str(father.id)))
    dialog.forbids.setPlainText("Not to come within 100 metres of the school or the family home.")
    dialog.must_not_collect.setChecked(True)
    dialog.starts.setDate(QDate(TODAY.year, TODAY.month, TODAY.day).addDays(-20))
    dialog.source.setText("Copy of the order seen by the DSL")
    dialog.save()
    orders: list[CourtOrder] = app.session.require_store().for_child(child.id, CourtOrder)
    assert len(orders) == 1 and orders[0].restricts == "Dan Fictional" and orders[0].must_not_collect
    card = record.court_orders
    texts = _texts(record.overview)
    assert strings.ORDERS_MUST_NOT_COLLECT_BADGE in texts
    assert any(t.startswith(f"⚠ {MUST_NOT_COLLECT} (non-molestation order") for t in texts)  # beside the father
    assert "Non-molestation order (written here before orders could be recorded)." in texts  # old notes kept
    if SHOTS:
        record.resize(1280, 1000)
        qtbot.wait(50)
        record.grab().save(os.path.join(SHOTS, "front_sheet_orders.png"))
    # Amending needs a reason.
    dialog = card.open_dialog(orders[0])
    assert dialog.person.currentData() == str(father.id) and dialog.must_not_collect.isChecked()
    dialog.until_further.setChecked(False)
    dialog.ends.setDate(QDate(TODAY.year + 1, 1, 31))
    dialog.save()
    assert dialog.error.text() == strings.ORDER_NEED_REASON and dialog.isVisible()
    dialog.reason.setText("The court set an end date.")
    if SHOTS:
        qtbot.wait(50)
        dialog.grab().save(os.path.join(SHOTS, "order_dialog.png"))
    dialog.save()
    amended = app.session.require_store().get_as(CourtOrder, orders[0].id)
    assert amended.version == 2 and amended.ends_on == date(TODAY.year + 1, 1, 31)


def test_today_shows_the_order_beside_the_childs_name(qtbot: QtBot, make_app, vault, store) -> None:  # type: ignore[no-untyped-def]
    child, father = _child(store)
    order = CourtOrder(
        child_id=child.id,
        order_type=OrderType.PROHIBITED_STEPS,
        person_id=str(father.id),
        restricts=father.name,
        must_not_collect=True,
        starts_on=TODAY - timedelta(days=3),
    )
    store.add(order)
    referral = mash.start_enquiry(store, child.id).value
    mash.update_enquiry(store, referral.id, {"parents_aware": True, "parents_agreed": True})
    mash.mark_sent(store, referral.id, TODAY - timedelta(days=6), "online_form")  # type: ignore[arg-type]
    assert store.get_as(type(referral), referral.id).status == ReferralStatus.SENT
    app, _record = _open(qtbot, make_app, vault, child)
    page = TodayPage(app.session, TODAY)
    qtbot.addWidget(page)
    page.refresh()
    section = page.sections["referrals_awaiting"]
    item = section.list.item(0).data(ITEM_ROLE)
    assert item.banner == f"⚠ {NOT_TO_COLLECT}: Dan Fictional"
    assert "Dan Fictional" in section.list.item(0).data(Qt.ItemDataRole.AccessibleTextRole)
    if SHOTS:
        page.resize(1200, 700)
        page.show()
        qtbot.wait(50)
        page.grab().save(os.path.join(SHOTS, "today_banner.png"))

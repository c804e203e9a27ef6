"""Today: the DSL's day. Overdue actions, reviews due, referrals awaiting an outcome, transfers awaiting
receipt and practice alerts, each one click (or Enter) from the child's record."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from dslapp.guidance.alerts import RuleId
from dslapp.services.changes import Changes
from dslapp.services.children import ChildSummary
from dslapp.services.today import SECTIONS, TodayItem
from ui import strings, theme
from ui.dialogs.encompass import EncompassDialog
from ui.formatting import dmy, long_date
from ui.operations import casework
from ui.operations import family as family_ops
from ui.operations.session import Session
from ui.widgets.common import Banner, Card, page_header, text_label
from ui.widgets.local_contacts import LocalContactsCard
from ui.widgets.social_workers import SocialWorkerCard

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
SECTION_ICONS = {
    "staff_concerns": "concern",
    "overdue_actions": "alert",
    "actions_due": "actions",
    "reviews_due": "early-help",
    "referrals_awaiting": "referral",
    "transfers_awaiting": "sharing",
    "alerts": "alert",
}
# which tab of the child's record each section opens
SECTION_TABS = {
    "overdue_actions": "actions",
    "actions_due": "actions",
    "reviews_due": "early_help",
    "referrals_awaiting": "referrals",
    "transfers_awaiting": "overview",
    "alerts": "concerns",
}
MAX_VISIBLE_ROWS = 6
WATCHED_KINDS: tuple[str, ...] = ("action", "early_help_plan", "referral", "transfer", "concern", "child")
WATCHED_KINDS += ("supervision_note", "cpd_record")  # supervision actions and CPD reminders
WATCHED_KINDS += ("court_order",)  # the order line beside a child's name
WATCHED_KINDS += ("staff_report", "staff_report_triage")  # concerns from staff and their triage
SOCIAL_WORKER_KINDS: tuple[str, ...] = ("statutory_record", "child", "status_change")
"""What the "children with a social worker" card shows depends on (and only these bring it up to date)."""
STAFF_SECTION = "staff_concerns"
WATCHED_KINDS += ("statutory_record", "encompass_notice")  # conference reports, core groups, PEPs, Encompass
# practice alerts whose records are not concerns open the tab that shows them
RULE_TABS = {
    RuleId.CONFERENCE_REPORT_DUE: "overview",
    RuleId.CORE_GROUP_SOON: "overview",
    RuleId.PEP_DUE: "overview",
    RuleId.ENCOMPASS_TODAY: "chronology",
}


class TodayItemDelegate(QStyledItemDelegate):
    """Two lines: the child's name, then what is due and when (overdue in the danger colour)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        metrics = QFontMetrics(option.font)
        return QSize(200, metrics.height() * 2 + 16)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        item: TodayItem = index.data(ITEM_ROLE)
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        c = theme.colours()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        rect = option.rect.adjusted(8, 6, -8, -6)
        metrics = QFontMetrics(option.font)
        painter.save()
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(QColor(c.selection_text if selected else c.text))
        line = QRect(rect.x(), rect.y(), rect.width(), metrics.height())
        due_text = ""
        if item.due:
            due_text = (strings.TODAY_OVERDUE if item.overdue else strings.TODAY_DUE).format(date=dmy(item.due))
        due_width = metrics.horizontalAdvance(due_text) + 12
        name_rect = line.adjusted(0, 0, -due_width, 0)
        name = metrics.elidedText(item.child_name, Qt.TextElideMode.ElideRight, name_rect.width())
        painter.drawText(name_rect, Qt.AlignmentFlag.AlignLeft, name)
        painter.setFont(option.font)
        if item.banner:  # a court order in force: who must not collect the child, beside their name
            banner_rect = name_rect.adjusted(QFontMetrics(bold).horizontalAdvance(name) + 10, 0, 0, 0)
            painter.setPen(QColor(c.selection_text if selected else c.danger))
            painter.drawText(
                banner_rect,
                Qt.AlignmentFlag.AlignLeft,
                metrics.elidedText(item.banner, Qt.TextElideMode.ElideRight, banner_rect.width()),
            )
        painter.setPen(QColor(c.danger if item.overdue else c.muted))
        painter.drawText(line, Qt.AlignmentFlag.AlignRight, due_text)
        painter.setPen(QColor(c.selection_text if selected else c.muted))
        second = QRect(rect.x(), rect.y() + metrics.height() + 3, rect.width(), metrics.height())
        painter.drawText(
            second,
            Qt.AlignmentFlag.AlignLeft,
            metrics.elidedText(item.title, Qt.TextElideMode.ElideRight, second.width()),
        )
        painter.restore()


def _list_item(entry: TodayItem) -> QListWidgetItem:
    item = QListWidgetItem()
    item.setData(ITEM_ROLE, entry)
    due = ""
    if entry.due:
        due = (strings.TODAY_OVERDUE if entry.overdue else strings.TODAY_DUE).format(date=dmy(entry.due))
    banner = f" ({entry.banner})" if entry.banner else ""
    item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{entry.child_name}{banner}: {entry.title}, {due}")
    item.setToolTip(f"{entry.banner}\n{entry.title}" if entry.banner else entry.title)
    return item


class TodaySection(Card):
    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(SECTIONS[key], parent, icon=SECTION_ICONS[key])
        self.key = key
        self.count = text_label("0", "Count")
        self.header.addWidget(self.count)
        self.list = QListWidget()
        self.list.setObjectName("TodayList")
        self.list.setItemDelegate(TodayItemDelegate(self.list))
        self.list.setAccessibleName(SECTIONS[key])
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.empty = text_label(strings.TODAY_NOTHING, "Muted")
        self.body.addWidget(self.list)
        self.body.addWidget(self.empty)
        self.body.addStretch(1)
        self.shown: list[TodayItem] | None = None

    def set_items(self, items: list[TodayItem]) -> None:
        if items == self.shown:
            return  # unchanged by the save that refreshed Today: keep the list (and the DSL's place in it)
        old = self.shown or []
        start = 0  # the items before and after the change stay as they are (one child's items change at a time)
        while start < min(len(old), len(items)) and old[start] == items[start]:
            start += 1
        end = 0
        while end < min(len(old), len(items)) - start and old[-1 - end] == items[-1 - end]:
            end += 1
        for _ in range(len(old) - end - start):
            self.list.takeItem(start)
        for offset, entry in enumerate(items[start : len(items) - end]):
            self.list.insertItem(start + offset, _list_item(entry))
        self.shown = list(items)
        self.count.setText(str(len(items)))
        alerting = ("overdue_actions", "alerts", STAFF_SECTION)
        self.count.setProperty("tone", "danger" if self.key in alerting and items else "")
        self.count.style().polish(self.count)
        self.list.setVisible(bool(items))
        self.empty.setVisible(not items)
        if items:
            row = self.list.sizeHintForRow(0)
            self.list.setFixedHeight(row * min(len(items), MAX_VISIBLE_ROWS) + 4)


class TodayPage(QWidget):
    open_child = Signal(str, str)  # child id, tab key
    open_page = Signal(str)  # a workspace page with no child (e.g. "supervision")
    open_staff_report = Signal(str)  # a concern from staff (its record id), to triage

    def __init__(self, session: Session, on: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.on = on
        self.items: dict[str, list[TodayItem]] = {}
        self.staff_count = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 16)
        layout.setSpacing(14)
        hour = datetime.now().hour
        greeting = (
            strings.TODAY_GREETING_MORNING
            if hour < 12
            else strings.TODAY_GREETING_AFTERNOON
            if hour < 18
            else strings.TODAY_GREETING_EVENING
        )
        self.encompass_button = QPushButton(strings.ENCOMPASS_BUTTON)
        self.encompass_button.clicked.connect(self.record_encompass)
        self.encompass_dialog: EncompassDialog | None = None
        layout.addLayout(
            page_header(greeting.format(name=session.user_name), long_date(on), extra=(self.encompass_button,))
        )
        self.summary = text_label("", "Muted")
        layout.addWidget(self.summary)
        scroll = self.scroll_area = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        holder = QWidget()
        grid = QGridLayout(holder)
        grid.setContentsMargins(0, 0, 4, 0)
        grid.setSpacing(14)
        self.sections: dict[str, TodaySection] = {}
        # concerns from staff come first, across the page, with a visible alert while any is new
        self.staff_alert = Banner("danger", icon="alert")
        self.staff_alert.hide()
        grid.addWidget(self.staff_alert, 0, 0, 1, 2)
        others = [key for key in SECTIONS if key != STAFF_SECTION]
        for key in SECTIONS:
            section = TodaySection(key)
            section.list.itemActivated.connect(self._activated)
            section.list.itemClicked.connect(self._activated)
            self.sections[key] = section
            if key == STAFF_SECTION:
                grid.addWidget(section, 1, 0, 1, 2)
            else:
                number = others.index(key)
                grid.addWidget(section, 2 + number // 2, number % 2)
        rows = 2 + (len(others) + 1) // 2
        self.social_workers = SocialWorkerCard(session, on)  # the DSL's oversight of statutory cases
        self.social_workers.open_child.connect(lambda child_id: self.open_child.emit(child_id, "overview"))
        grid.addWidget(self.social_workers, rows, 0, 1, 2)
        self.local_contacts = LocalContactsCard()  # Today's help: who to call, and how to ask for support
        grid.addWidget(self.local_contacts, rows + 1, 0, 1, 2)
        grid.setRowStretch(rows + 2, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        scroll.setWidget(holder)
        layout.addWidget(scroll, 1)
        layout.addWidget(text_label(strings.TODAY_HINT, "Hint"))

    def refresh(self) -> None:
        casework.load_today(self.session, self.on, self._loaded, owner=self)
        self.social_workers.refresh()

    def refresh_if(self, changes: Changes) -> None:
        if changes.touches(*WATCHED_KINDS):
            casework.load_today(self.session, self.on, self._loaded, owner=self)
        if changes.touches(*SOCIAL_WORKER_KINDS):  # not after every concern: the list reads every child
            self.social_workers.refresh()

    def _loaded(self, items: dict[str, list[TodayItem]]) -> None:
        self.items = items
        for key, section in self.sections.items():
            section.set_items(items.get(key, []))
        staff = items.get(STAFF_SECTION, [])
        self.staff_alert.set_message(strings.TODAY_STAFF_ALERT.format(count=len(staff)))
        new_from_staff = len(staff) > self.staff_count
        self.staff_count = len(staff)
        self.staff_alert.setVisible(bool(staff))
        self.sections[STAFF_SECTION].setVisible(bool(staff))
        if new_from_staff:  # a new concern from staff is the first thing the DSL sees, wherever Today was scrolled
            self.scroll_area.verticalScrollBar().setValue(0)
        overdue = sum(1 for group in items.values() for i in group if i.overdue)
        due = len(items.get("actions_due", []))
        total = sum(len(group) for group in items.values())
        self.summary.setText(
            strings.TODAY_ALL_CLEAR
            if total == 0
            else strings.TODAY_SUMMARY.format(overdue=overdue, due=due, total=total)
        )

    def _activated(self, item: QListWidgetItem) -> None:
        entry: TodayItem = item.data(ITEM_ROLE)
        if entry.section == STAFF_SECTION:
            self.open_staff_report.emit(entry.record_id)
            return
        if not entry.child_id:  # supervision actions and CPD reminders belong to no child
            self.open_page.emit("supervision")
            return
        tab = RULE_TABS.get(entry.rule_id) or SECTION_TABS.get(entry.section, "overview")
        self.open_child.emit(entry.child_id, tab)

    def record_encompass(self) -> None:
        """Open the Operation Encompass quick entry (the caseload read first, to choose the children from)."""
        family_ops.load_children(self.session, self._open_encompass, owner=self)

    def _open_encompass(self, children: list[ChildSummary]) -> None:
        self.encompass_dialog = EncompassDialog(self.session, children, datetime.now().replace(second=0), "", self)
        self.encompass_dialog.open()

    def first_list(self) -> QListWidget | None:
        for section in self.sections.values():
            if section.list.count():
                return section.list
        return None

    def focus_first(self) -> None:
        first = self.first_list()
        if first is not None:
            first.setFocus()
            first.setCurrentRow(0)

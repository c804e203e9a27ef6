"""The unlocked workspace: a sidebar (Today, Caseload, the open child, Learning library, Supervision,
Record a concern, Lock) and the pages. ``go(Location)`` is the one way a page is shown.

The child's record opens in a page built ahead while the worker is idle (``_spare``), so opening a child does not
pay for building one; a page is bound to one child only and never reused for another, so one child's data (or a
late result for them) can never show under another child's name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dslapp.services.changes import Changes
from dslapp.services.drafts import Draft
from ui import strings, theme
from ui.formatting import when_saved
from ui.operations.session import Session
from ui.widgets.common import Banner, DemoBadge, text_label
from ui.windows.caseload import CaseloadPage
from ui.windows.child_record import ChildRecordPage
from ui.windows.learning import LearningPage
from ui.windows.supervision import SupervisionPage
from ui.windows.today import TodayPage

SPARE_AFTER_MS = 1500
"""After a child's record was read, how long the worker must stay idle before the next page is built ahead."""


REVEAL_AFTER_MS = 150
"""How long a child's record waits, off screen, for its front sheet before it is shown anyway."""


@dataclass(frozen=True)
class Location:
    page: str  # "today", "caseload", "child", "learning" or "supervision"
    child_id: str = ""
    tab: str = ""


@dataclass(frozen=True)
class _Page:
    """A page with its own sidebar button (every page but the child's record, which changes)."""

    widget: QWidget
    button: QToolButton
    shown: Callable[[], None]  # focus (and refresh, where the page wants it) once it is on screen


def _nav_button(text: str, icon: str) -> QToolButton:
    button = QToolButton()
    button.setObjectName("NavButton")
    button.setText(text)
    button.setIcon(theme.icon(icon))
    button.setIconSize(QSize(18, 18))
    button.setCheckable(True)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    button.setAccessibleName(text)
    return button


class Workspace(QWidget):
    record_concern = Signal(str)  # child id ("" for none)
    add_child = Signal()
    import_roll = Signal()
    open_staff_report = Signal(str)  # a concern from staff, from Today
    amend_concern = Signal(object)
    copy_text = Signal(str)
    lock_requested = Signal()
    continue_draft = Signal(object)
    discard_draft = Signal(object)

    def __init__(self, session: Session, on: date, now: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.on = on
        self._now = now
        self.history: list[Location] = []
        self.drafts: list[Draft] = []
        self.child_page: ChildRecordPage | None = None
        self._spare: ChildRecordPage | None = None
        """A record page built ahead when the worker is idle, never loaded: the next child opened is shown in it."""
        self._spare_timer = QTimer(self)
        self._spare_timer.setSingleShot(True)
        self._spare_timer.timeout.connect(self._prepare_spare)
        self._reveal_timer = QTimer(self)
        self._reveal_timer.setSingleShot(True)
        self._reveal_timer.timeout.connect(self._reveal_child)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        sidebar = QWidget()
        sidebar.setObjectName("Sidebar")
        sidebar.setFixedWidth(232)
        side = QVBoxLayout(sidebar)
        side.setContentsMargins(14, 18, 14, 14)
        side.setSpacing(4)
        brand = QHBoxLayout()
        brand.setSpacing(10)
        logo = QLabel()
        logo.setPixmap(theme.app_icon().pixmap(QSize(32, 32)))
        brand.addWidget(logo)
        brand.addWidget(text_label(strings.APP, "AppName"))
        brand.addStretch(1)
        side.addLayout(brand)
        if session.school:
            school = text_label(session.school, "SchoolName", wrap=True)
            side.addWidget(school)
        if session.demo:
            side.addSpacing(4)
            side.addWidget(DemoBadge(strings.DEMO_BADGE), 0, Qt.AlignmentFlag.AlignLeft)
        side.addSpacing(18)
        self.today_button = _nav_button(strings.NAV_TODAY, "today")
        self.caseload_button = _nav_button(strings.NAV_CASELOAD, "caseload")
        self.child_button = _nav_button("", "child")
        self.child_button.hide()
        self.learning_button = _nav_button(strings.NAV_LEARNING, "info")
        self.supervision_button = _nav_button(strings.NAV_SUPERVISION, "history")
        self.nav = QButtonGroup(self)
        self.nav.setExclusive(True)
        for button in (
            self.today_button,
            self.caseload_button,
            self.child_button,
            self.learning_button,
            self.supervision_button,
        ):
            self.nav.addButton(button)
            side.addWidget(button)
        self.child_button.clicked.connect(self._back_to_child)
        side.addSpacing(14)
        self.record_button = QPushButton(theme.icon("concern", theme.colours().accent_text), strings.NAV_RECORD)
        self.record_button.setObjectName("Primary")
        self.record_button.setToolTip(strings.SHORTCUT_TIP.format(action=strings.NAV_RECORD, keys="Ctrl+N"))
        self.record_button.clicked.connect(lambda: self.record_concern.emit(self.current_child_id()))
        side.addWidget(self.record_button)
        side.addStretch(1)
        side.addWidget(text_label(strings.SIGNED_IN_AS, "Hint"))
        side.addWidget(text_label(session.user_name, "UserName", wrap=True))
        side.addWidget(text_label(session.user_role, "UserRole"))
        side.addSpacing(8)
        self.lock_button = QPushButton(theme.icon("lock"), strings.NAV_LOCK)
        self.lock_button.setToolTip(strings.SHORTCUT_TIP.format(action=strings.NAV_LOCK, keys="Ctrl+L"))
        self.lock_button.clicked.connect(self.lock_requested.emit)
        side.addWidget(self.lock_button)
        layout.addWidget(sidebar)

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        banners = QVBoxLayout()
        banners.setContentsMargins(28, 12, 28, 0)
        banners.setSpacing(8)
        self.draft_banner = Banner("warning", icon="draft")
        self.draft_banner.add_button(strings.DRAFT_CONTINUE, self._continue_draft, primary=True)
        self.draft_banner.add_button(strings.DRAFT_DISCARD, self._discard_draft)
        self.draft_banner.hide()
        banners.addWidget(self.draft_banner)
        self._banner_holder = QWidget()
        self._banner_holder.setLayout(banners)
        self._banner_holder.hide()
        column.addWidget(self._banner_holder)
        self.pages = QStackedWidget()
        column.addWidget(self.pages, 1)
        layout.addWidget(content, 1)

        self.today = TodayPage(session, on)
        self.today.open_child.connect(lambda cid, tab: self.go(Location("child", cid, tab)))
        self.today.open_page.connect(lambda page: self.go(Location(page)))
        self.today.open_staff_report.connect(self.open_staff_report.emit)
        self.caseload = CaseloadPage(session, on)
        self.caseload.open_child.connect(lambda cid: self.go(Location("child", cid, "overview")))
        self.caseload.add_child.connect(self.add_child.emit)
        self.caseload.import_roll.connect(self.import_roll.emit)
        self.learning = LearningPage(session, on)  # the learning library
        self.supervision = SupervisionPage(session, on)  # supervision and CPD
        self.supervision.open_child.connect(lambda cid, tab: self.go(Location("child", cid, tab)))
        self.screens: dict[str, _Page] = {
            "today": _Page(self.today, self.today_button, self.today.focus_first),
            "caseload": _Page(self.caseload, self.caseload_button, self.caseload.table.setFocus),
            "learning": _Page(self.learning, self.learning_button, self._learning_shown),
            "supervision": _Page(self.supervision, self.supervision_button, self.supervision.refresh),
        }
        for key, screen in self.screens.items():
            self.pages.addWidget(screen.widget)
            screen.button.clicked.connect(lambda _checked=False, key=key: self.go(Location(key)))
        session.changed.connect(self.on_changes)
        session.runner.busy_changed.connect(self._worker_busy)
        session.library_entry_requested.connect(self.open_library_entry)
        self.location = Location("today")
        self.today.refresh()
        self.caseload.refresh()

    # ---- navigation -------------------------------------------------------------------------------

    def current_child_id(self) -> str:
        return self.location.child_id if self.location.page == "child" else ""

    def current_location(self) -> Location:
        if self.location.page == "child" and self.child_page is not None:
            return Location("child", self.location.child_id, self.child_page.current_tab())
        return self.location

    def go(self, location: Location, *, remember: bool = True) -> None:
        if remember and location != self.location:
            self.history.append(self.current_location())
        self.location = location
        if location.page == "child":
            self._show_child(location.child_id, location.tab or "overview")
        elif (screen := self.screens.get(location.page)) is not None:
            self.pages.setCurrentWidget(screen.widget)
            screen.button.setChecked(True)
            screen.shown()

    def _learning_shown(self) -> None:
        self.learning.refresh()
        self.learning.search_box.setFocus()

    def open_library_entry(self, entry_id: str) -> None:
        """Show one entry in the learning library (a learning card's "Read the full entry")."""
        self.go(Location("learning"))
        self.learning.open_entry(entry_id)

    def _show_child(self, child_id: str, tab: str) -> None:
        if self.child_page is not None and self.child_page.child_id == child_id:
            self.child_page.set_tab(tab)
            if self.pages.currentWidget() is not self.child_page or self.child_page.front is None:
                self.child_page.load(tab)  # come back to: read (and audited) again; already on screen: a tab
        else:
            if self.child_page is not None:
                self.pages.removeWidget(self.child_page)
                self.child_page.deleteLater()  # its jobs still running are dropped with it (their owner)
            page, self._spare = self._spare or self._new_page(), None
            page.bind(child_id)
            self.child_page = page
            page.load(tab)
            if page.front is None:  # being read: filled off screen and shown when it arrives (or after a moment)
                self._reveal_timer.start(REVEAL_AFTER_MS)
                return
        self._reveal_child()

    def _reveal_child(self) -> None:
        """Show the child's record (once its front sheet has arrived, or after :data:`REVEAL_AFTER_MS`), unless the
        user has gone elsewhere meanwhile."""
        self._reveal_timer.stop()
        page = self.child_page
        if page is None or self.location.page != "child" or self.location.child_id != page.child_id:
            return
        self.pages.setCurrentWidget(page)
        self.child_button.show()
        self.child_button.setChecked(True)
        page.tabs.setFocus()

    def _new_page(self) -> ChildRecordPage:
        page = ChildRecordPage(self.session, "", self.on)
        page.back_requested.connect(self.back)
        page.record_concern.connect(self.record_concern.emit)
        page.open_child.connect(lambda other: self.go(Location("child", other, "overview")))
        page.amend_concern.connect(self.amend_concern.emit)
        page.copy_text.connect(self.copy_text.emit)
        page.loaded.connect(lambda page=page: self._page_loaded(page))
        self.pages.addWidget(page)
        return page

    def _worker_busy(self, busy: bool) -> None:
        """The worker idle: build the next record page soon (at once after unlock, when no child was opened yet;
        a moment later after a child's record was read, so the page just opened paints first)."""
        if busy:
            self._spare_timer.stop()
        elif self._spare is None:
            self._spare_timer.start(0 if self.child_page is None else SPARE_AFTER_MS)

    def _prepare_spare(self) -> None:
        if self._spare is not None or self.session.runner.busy or not self.session.is_open:
            return
        self._spare = self._new_page()
        self._spare.build_ahead()
        self._spare.resize(self.pages.size())
        self._spare.grab()  # styled, laid out and drawn once now (off screen), not when first shown

    def _page_loaded(self, page: ChildRecordPage) -> None:
        if page is not self.child_page:
            return  # a record no longer open (its late result)
        self._child_loaded()
        if self.pages.currentWidget() is not page:
            self._reveal_child()

    def _child_loaded(self) -> None:
        if self.child_page is not None:
            self.child_button.setText(self.child_page.name_label.text())

    def _back_to_child(self) -> None:
        if self.child_page is not None:
            self.go(Location("child", self.child_page.child_id, self.child_page.current_tab()))

    def back(self) -> None:
        if self.history:
            self.go(self.history.pop(), remember=False)

    def find_in_caseload(self) -> None:
        self.go(Location("caseload"))
        self.caseload.focus_search()

    # ---- changes and drafts -----------------------------------------------------------------------

    def on_changes(self, changes: Changes) -> None:
        self.today.refresh_if(changes)
        self.caseload.refresh_if(changes)
        if self.child_page is not None:
            self.child_page.refresh_if(changes)

    def show_drafts(self, drafts: list[Draft], names: dict[str, str]) -> None:
        self.drafts = drafts
        if not drafts:
            self.draft_banner.hide()
            self._banner_holder.hide()
            return
        newest = drafts[0]
        name = names.get(newest.child_id or "", "")
        about = strings.DRAFT_ABOUT.format(name=name) if name else ""
        when = when_saved(newest.updated_at, self._now())
        if len(drafts) == 1:
            text = strings.DRAFT_BANNER_ONE.format(about=about, when=when)
        else:
            text = strings.DRAFT_BANNER_MANY.format(count=len(drafts), about=about, when=when)
        self.draft_banner.set_message(text)
        self.draft_banner.show()
        self._banner_holder.show()

    def _continue_draft(self) -> None:
        if self.drafts:
            self.continue_draft.emit(self.drafts[0])

    def _discard_draft(self) -> None:
        if self.drafts:
            self.discard_draft.emit(self.drafts[0])

"""A child's record: the front sheet and a tab for each part of the CP file, plus its history.

Opening the record reads what is seen first in one job (``casework.open_front``: the child, the few records the
Overview shows, the tab counts, the Overview's panels, the household and the supervision notes) and is audited as a
view. The Overview is built once with the page (the workspace builds the next page ahead, see ``Workspace``): its
fields and its practice guidance card are set in place for the child, only its lists (people, professionals) are
built again; the child's words, far below the first screen, are laid out after the record's first paint.
Each other tab is built when first seen; the record tabs read the whole file then (one job, not audited again).
After a save to the child only the records written since are read: the panels are recomputed from what the page
holds, rows are updated and added in place. Tabs whose editing belongs to later work list what exists read-only
with a calm note.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, cast

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dslapp.errors import CasebookError
from dslapp.guidance.alerts import AlertItem
from dslapp.models import (
    RECORD_KINDS,
    Action,
    ChronologyEntry,
    Concern,
    Person,
    Professional,
    Record,
)
from dslapp.models.child import DESIGNATION_LABELS, STATUS_LABELS, Child, Designation
from dslapp.services.attachments import attachment_targets
from dslapp.services.changes import Changes
from dslapp.services.children import ChildFile
from dslapp.services.front_sheet import FrontSheet, OverviewPanels
from dslapp.services.ui_support import HistoryItem
from dslapp.views.child_file import RecordCounts
from dslapp.views.court_orders import warnings_for
from ui import strings, theme
from ui.formatting import dmy, dob_and_age, iso_moment
from ui.models.caseload import STATUS_TONE
from ui.models.records import Column
from ui.operations import casework, guidance_ops, learning
from ui.operations.casework import OpenedChild, OpenedFront, Refreshed
from ui.operations.guidance_ops import OverviewGuidance
from ui.operations.learning import ChildVoice
from ui.operations.session import Session
from ui.widgets.child_links import ChildLinksCard
from ui.widgets.common import Badge, Card, clear_layout, ltr, text_label
from ui.widgets.court_orders import CourtOrdersCard
from ui.widgets.household import HouseholdCard
from ui.widgets.practice_cards import PracticeGuidance, guidance_widget
from ui.widgets.record_list import RecordList
from ui.widgets.record_tab import RecordTab
from ui.widgets.record_views import record_html
from ui.widgets.statutory import StatutoryCard
from ui.widgets.voice_panel import VoicePanel
from ui.windows.attachments_tab import AttachmentsTab
from ui.windows.chronology_tab import CaseExportButton, ChronologyTab
from ui.windows.concerns_tab import ActionsTab, ConcernsTab
from ui.windows.early_help_tab import EarlyHelpTab
from ui.windows.escalation_tab import EscalationTab
from ui.windows.referrals_tab import ReferralsTab
from ui.windows.sharing_tab import SharingTab
from ui.windows.supervision import ChildSupervisionNotes

TAB_SECTIONS = {
    "concerns": "concerns",
    "actions": "actions",
    "referrals": "referrals",
    "escalations": "escalations",
    "sharing": "sharing_decisions",
    "attachments": "attachments",
}
"""The part of the file each record tab lists (Early Help lists three)."""
TAB_KEYS = (
    "overview",
    "concerns",
    "actions",
    "chronology",
    "early_help",
    "referrals",
    "escalations",
    "sharing",
    "attachments",
    "history",
)
GUIDANCE_AHEAD = 3
"""Alert blocks a page built ahead makes (styled, hidden): most children with alerts have a few."""
ROW_KINDS = frozenset({Concern.KIND, Action.KIND, ChronologyEntry.KIND})
"""Kinds whose saving changes no card of the Overview beside the panels (the household and supervision notes are
read again for any other)."""


def _first_line(text: str, limit: int = 120) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


class _Fields(QGridLayout):
    """Labelled values (the child's details, their status): the rows made once, their values set for each
    child. Each row has its value and a muted dash for none, one of them shown (styled once, never restyled)."""

    def __init__(self, labels: Sequence[str]) -> None:
        super().__init__()
        self.setHorizontalSpacing(16)
        self.setVerticalSpacing(6)
        self.setColumnStretch(1, 1)
        self.values: list[QLabel] = []
        self._none: list[QLabel] = []
        for number, label in enumerate(labels):
            key = text_label(label, "FieldLabel")
            key.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            shown = text_label("", "Value", wrap=True, selectable=True)
            shown.setAccessibleName(label)
            shown.hide()
            none = text_label("—", "Muted", wrap=True, selectable=True)
            none.setAccessibleName(label)
            self.addWidget(key, number, 0)
            self.addWidget(shown, number, 1)
            self.addWidget(none, number, 1)
            self.values.append(shown)
            self._none.append(none)

    def show(self, values: Sequence[str]) -> None:
        for shown, none, value in zip(self.values, self._none, values, strict=True):
            shown.setText(ltr(value))
            shown.setVisible(bool(value))
            none.setVisible(not value)


def _show_list(layout: QVBoxLayout, widgets: Sequence[QWidget]) -> None:
    """Show ``widgets`` in ``layout`` in place of what it held (deleted now, so the sheet never holds the old list;
    the new ones shown now, not when the event loop next runs)."""
    while layout.count():
        item = layout.takeAt(0)
        old = item.widget() if item is not None else None
        if old is not None:
            old.hide()
            old.setParent(None)  # no owner left: deleted here
    for widget in widgets:
        layout.addWidget(widget)
        widget.show()


class OverviewTab(QScrollArea):
    """The front sheet of the CP file: built once, its fields set and its lists (people, professionals) shown
    again for each child and after each change; the practice guidance has its own slot above the sheet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        page = QWidget()
        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 14, 6, 0)
        outer.setSpacing(0)
        self._guidance_slot = QVBoxLayout()
        self._guidance_slot.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self._guidance_slot)
        self.guidance: QWidget | None = None
        holder = QWidget()  # painted on the scroll area's own widget, which fills the background (an opaque holder
        # as well would be drawn twice: alone, then again with the page)
        grid = self._grid = QGridLayout(holder)
        grid.setContentsMargins(0, 14, 6, 6)
        grid.setSpacing(14)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        outer.addWidget(holder, 1)

        details = Card(strings.CHILD_SECTION_DETAILS, icon="child")
        self._details = _Fields(
            (
                strings.CHILD_LEGAL_NAME,
                strings.CHILD_KNOWN_AS,
                strings.CHILD_DOB,
                strings.CHILD_GENDER,
                strings.CHILD_ETHNICITY,
                strings.CHILD_LANGUAGE,
                strings.CHILD_RELIGION,
                strings.CHILD_DISABILITY,
                strings.CHILD_ADDRESS,
                strings.CHILD_SCHOOL,
                strings.CHILD_YEAR,
                strings.CHILD_UPN,
                strings.CHILD_NHS,
                strings.CHILD_GP,
            )
        )
        details.body.addLayout(self._details)
        grid.addWidget(details, 0, 0, 2, 1)

        status = Card(strings.CHILD_SECTION_STATUS, icon="shield")
        self._status = _Fields(
            (
                strings.CHILD_STATUS,
                strings.CHILD_PLAN,
                strings.CHILD_DESIGNATIONS,
                strings.CHILD_RECEIVED_FROM,
                strings.CHILD_RETAIN,
            )
        )
        status.body.addLayout(self._status)
        grid.addWidget(status, 0, 1)

        people = Card(strings.CHILD_SECTION_PR, icon="caseload")
        self._people = QVBoxLayout()
        self._people.setSpacing(6)
        people.body.addLayout(self._people)
        people.body.addStretch(1)
        grid.addWidget(people, 1, 1)

        self._professionals_card = Card(strings.CHILD_SECTION_PROFESSIONALS, icon="sharing")
        self._professionals = QVBoxLayout()
        self._professionals.setSpacing(6)
        self._professionals_card.body.addLayout(self._professionals)
        self.setWidget(page)

    def place(
        self,
        extras: Sequence[QWidget] = (),
        orders: QWidget | None = None,
        statutory: QWidget | None = None,
        household: QWidget | None = None,
        links: QWidget | None = None,
    ) -> None:
        """Put the cards the page keeps in the sheet, once: ``statutory`` (the statutory plans card),
        ``household`` (the family) and ``orders`` (the court orders card) below the people with parental
        responsibility, then ``links`` (links to concerns about other children; the page hides it when there
        are none), the professionals, and ``extras`` below it all, side by side."""
        grid, row = self._grid, 2
        for card in (statutory, household, orders, links):
            if card is not None:
                grid.addWidget(card, row, 0, 1, 2)
                row += 1
        grid.addWidget(self._professionals_card, row, 0, 1, 2)
        for column, extra in enumerate(extras):
            grid.addWidget(extra, row + 1, column % 2)
        grid.setRowStretch(row + 2, 1)

    def show_file(self, file: ChildFile, on: date) -> None:
        """Show the child's details, status, people and professionals (the fields set in place; the two lists
        built again)."""
        child = file.child
        language = child.first_language + (f" ({strings.CHILD_INTERPRETER})" if child.interpreter_needed else "")
        self._details.show(
            (
                child.full_legal_name,
                child.known_as,
                dob_and_age(child.dob, on),
                child.gender,
                child.ethnicity,
                language,
                child.religion,
                child.disability,
                child.address,
                child.school,
                child.year_group,
                child.upn,
                _nhs(child.nhs_number),
                child.gp,
            )
        )
        since = strings.CHILD_STATUS_SINCE.format(date=dmy(child.status_since)) if child.status_since else ""
        self._status.show(
            (
                f"{STATUS_LABELS[child.status]} {since}".strip(),
                child.current_plan,
                ", ".join(DESIGNATION_LABELS[Designation(d)] for d in child.designations),
                child.received_from,
                dmy(child.retain_until),
            )
        )
        people: list[QWidget] = [
            _person_block(person, warnings_for(person, file.court_orders, on))
            for person in sorted(file.people, key=lambda p: (not p.parental_responsibility, p.name))
        ]
        _show_list(self._people, people or [text_label(strings.CHILD_NO_PEOPLE, "Muted")])
        professionals: list[QWidget] = [
            _professional_block(professional)
            for professional in sorted(file.professionals, key=lambda p: (not p.key_contact, p.name))
        ]
        _show_list(self._professionals, professionals or [text_label(strings.CHILD_NO_PROFESSIONALS, "Muted")])

    def set_guidance(self, widget: QWidget) -> None:
        """The practice guidance above the sheet, in place of the one there."""
        old, self.guidance = self.guidance, widget
        if old is not None:
            self._guidance_slot.replaceWidget(old, widget)
            old.hide()
            old.deleteLater()
        else:
            self._guidance_slot.addWidget(widget)
        widget.show()


def _nhs(number: str) -> str:
    return f"{number[:3]} {number[3:6]} {number[6:]}" if len(number) == 10 else number


def _person_block(person: Person, warnings: Sequence[str] = ()) -> QWidget:
    flags = []
    if person.parental_responsibility:
        flags.append(strings.CHILD_PR)
    if person.lives_with_child:
        flags.append(strings.CHILD_LIVES_WITH)
    contact = " · ".join(x for x in (person.phone, person.email) if x)
    block = _contact_block(f"{person.name} ({person.relationship})", contact, person.notes, flags)
    layout = block.layout()
    if isinstance(layout, QVBoxLayout):
        for number, text in enumerate(warnings):  # a court order in force: never listed without it
            layout.insertWidget(1 + number, text_label(text, "InlineError", wrap=True, selectable=True))
    return block


def _professional_block(professional: Professional) -> QWidget:
    flags = [strings.CHILD_KEY_CONTACT] if professional.key_contact else []
    role = ", ".join(x for x in (professional.role, professional.agency) if x)
    contact = " · ".join(x for x in (professional.phone, professional.email) if x)
    return _contact_block(f"{professional.name} ({role})", contact, "", flags)


def _contact_block(title: str, contact: str, notes: str, flags: Sequence[str]) -> QWidget:
    block = QWidget()
    layout = QVBoxLayout(block)
    layout.setContentsMargins(0, 2, 0, 4)
    layout.setSpacing(2)
    name = text_label(title, "Value", wrap=True, selectable=True)
    name.setStyleSheet("font-weight: 600;")
    layout.addWidget(name)
    if contact or flags:
        row = QHBoxLayout()
        row.setSpacing(6)
        for flag in flags:
            row.addWidget(Badge(flag, "accent"))
        if contact:
            row.addWidget(text_label(contact, "Muted", selectable=True))
        row.addStretch(1)
        layout.addLayout(row)
    if notes:
        layout.addWidget(text_label(notes, "Hint", wrap=True))
    return block


class ChildRecordPage(QWidget):
    """Shows one child's file. Emits ``record_concern(child_id)`` and ``amend_concern(Concern)``."""

    back_requested = Signal()
    record_concern = Signal(str)
    open_child = Signal(str)  # another child's record (a sibling in the household card)
    amend_concern = Signal(object)
    copy_text = Signal(str)
    loaded = Signal()
    file_loaded = Signal()  # the whole file read (when a record tab was first opened)

    def __init__(self, session: Session, child_id: str, on: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.child_id = child_id
        self.on = on
        self.front: FrontSheet | None = None
        """The record as it first paints: the front sheet, tab counts and the Overview's panels."""
        self.opened: OpenedChild | None = None
        """The whole file, read when a record tab is first opened (None until then)."""
        self._file_asked = False
        self._filled: set[str] = set()
        """The record tabs given their rows from ``opened`` (each when first seen)."""
        self._guidance: PracticeGuidance = guidance_widget(
            OverviewGuidance([], None), lambda: self.early_help.threshold_tool(), self._acknowledge_alert
        )
        """The practice guidance above the front sheet: built with the page, shown once the record is read."""
        self._pending_tab = "overview"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 18, 28, 12)
        layout.setSpacing(6)

        top = QHBoxLayout()
        top.setSpacing(12)
        self.back_button = QPushButton(theme.icon("back"), strings.CHILD_BACK)
        self.back_button.setAccessibleName(strings.CHILD_BACK)
        self.back_button.clicked.connect(self.back_requested.emit)
        top.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        names = QVBoxLayout()
        names.setSpacing(2)
        title_row = QHBoxLayout()
        title_row.setSpacing(10)
        self.name_label = text_label("", "PageTitle")
        title_row.addWidget(self.name_label)
        self.status_badge = Badge("")
        title_row.addWidget(self.status_badge, 0, Qt.AlignmentFlag.AlignVCenter)
        self.badges = QHBoxLayout()
        self.badges.setSpacing(6)
        title_row.addLayout(self.badges)
        title_row.addStretch(1)
        names.addLayout(title_row)
        self.subtitle = text_label("", "PageSubtitle")
        names.addWidget(self.subtitle)
        top.addLayout(names, 1)
        self.record_button = QPushButton(
            theme.icon("concern", theme.colours().accent_text), strings.CHILD_RECORD_CONCERN
        )
        self.record_button.setObjectName("Primary")
        self.record_button.setToolTip(strings.SHORTCUT_TIP.format(action=strings.CHILD_RECORD_CONCERN, keys="Ctrl+N"))
        self.record_button.clicked.connect(lambda: self.record_concern.emit(self.child_id))
        top.addWidget(self.record_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setIconSize(QSize(16, 16))
        self.tabs.setAccessibleName(strings.CHILD_TABS_NAME)
        self.overview = OverviewTab()
        self.court_orders = CourtOrdersCard(session, child_id, on)
        self.statutory = StatutoryCard(session, child_id, on)
        self.household = HouseholdCard(session, child_id, on)
        self.household.open_child.connect(self.open_child.emit)
        self.child_links = ChildLinksCard(session)
        self.child_links.open_child.connect(self.open_child.emit)
        self.voice_panel = VoicePanel()
        self.voice_panel.wants_all.connect(self._read_all_voice)
        self.supervision_notes = ChildSupervisionNotes(session, child_id)
        self.overview.place(
            (self.voice_panel, self.supervision_notes),
            orders=self.court_orders,
            statutory=self.statutory,
            household=self.household,
            links=self.child_links,
        )
        self.overview.set_guidance(self._guidance)
        self._guidance.hide()
        self.export_menu_button = CaseExportButton(self)  # the chronology tab's exports, in the header
        self.export_menu_button.chronology_requested.connect(lambda: self.chronology.export_pdf())
        self.export_menu_button.pack_requested.connect(lambda: self.chronology.export_pack())
        self.export_menu_button.mash_requested.connect(lambda: self.chronology.export_mash())
        top.insertWidget(top.indexOf(self.record_button), self.export_menu_button, 0, Qt.AlignmentFlag.AlignTop)
        export_menu = self.export_menu_button.menu()
        self.bundle_action = export_menu.addAction(strings.EXPORT_BUNDLE_CHILD, self.export_bundle)
        # Each tab but the Overview is built when first seen (or first asked for): the record paints sooner.
        self._built: dict[str, QWidget] = {}
        self._holders: dict[str, QVBoxLayout] = {}
        for key, title in zip(TAB_KEYS, strings.CHILD_TABS, strict=True):
            if key == "overview":
                self.tabs.addTab(self.overview, title)
                continue
            holder = QWidget()
            holder_layout = QVBoxLayout(holder)
            holder_layout.setContentsMargins(0, 0, 0, 0)
            self._holders[key] = holder_layout
            self.tabs.addTab(holder, title)
        self.tabs.currentChanged.connect(self._tab_changed)
        layout.addWidget(self.tabs, 1)

    def bind(self, child_id: str) -> None:
        """Make this page, built ahead and never loaded, the record of ``child_id`` (the workspace keeps one
        spare page so that opening a child does not pay for building one). A page that has shown a child is never
        bound to another: one child's data never shows under another's name."""
        if self.front is not None or self._file_asked or set(self._built) - {"chronology"} or self.child_id:
            raise ValueError("only a page that has not been loaded can be bound to a child")
        self.child_id = child_id
        for card in (self.court_orders, self.statutory, self.household, self.supervision_notes):
            card.child_id = child_id
        if (chronology := self._built.get("chronology")) is not None:
            cast(ChronologyTab, chronology).bind(child_id)

    def build_ahead(self) -> None:
        """Build the tab a DSL opens most, the chronology, before the page is bound (it reads nothing until then)."""
        if self.child_id:
            raise ValueError("only a page not yet bound to a child is built ahead")
        self._tab("chronology")
        self._guidance.build_ahead(GUIDANCE_AHEAD)

    def _tab_changed(self, _index: int) -> None:
        key = self.current_tab()
        if key != "overview":
            self._tab(key)
            if key != "chronology":  # the chronology reads its rows, and the selected row's record, itself
                self._ensure_file()  # the record tabs read the whole file when one is first opened
            self._fill(key)
        if key == "chronology" and self.chronology.isVisibleTo(self.window()):
            self.chronology.ensure_current()  # the chronology built when first seen

    # ---- the tabs, each built when first seen ------------------------------------------------------

    def _tab(self, key: str) -> QWidget:
        widget = self._built.get(key)
        if widget is None:
            widget = self._build(key)
            self._built[key] = widget
            self._holders[key].addWidget(widget)
        return widget

    def _build(self, key: str) -> QWidget:
        session, child_id, on = self.session, self.child_id, self.on
        if key == "concerns":
            concerns = ConcernsTab(session, child_id, on, self._detail)
            concerns.amend_requested.connect(self.amend_concern.emit)
            concerns.copy_requested.connect(self.copy_text.emit)
            return concerns
        if key == "actions":
            return ActionsTab(session, child_id, on, self._detail)
        if key == "chronology":
            chronology = ChronologyTab(session, child_id, on, export_button=self.export_menu_button)
            chronology.counted.connect(lambda: self._show_counts(self.front.counts) if self.front else None)
            if self.front is not None:
                chronology.set_front(self.front.file.child, self.front.counts.referrals)
            return chronology
        if key == "early_help":
            return EarlyHelpTab(session, child_id, on, lambda: self.opened, self._detail)
        if key == "referrals":
            return ReferralsTab(
                session, child_id, on, self._detail, lambda: self.front.file.child if self.front else None
            )
        if key == "escalations":
            return EscalationTab(session, child_id, on, self._detail)
        if key == "sharing":
            return SharingTab(session, child_id, on, self._detail)
        if key == "attachments":
            return AttachmentsTab(session, child_id, on, self._detail, self._attachment_targets)
        return RecordList(
            [
                Column[HistoryItem](strings.HISTORY_COLUMN_WHEN, lambda h: iso_moment(h.at), lambda h: h.seq, 150),
                Column[HistoryItem](strings.HISTORY_COLUMN_WHO, lambda h: h.user, width=220),
                Column[HistoryItem](strings.HISTORY_COLUMN_WHAT, self._history_text),
            ],
            name=strings.HISTORY_LIST_NAME,
        )

    @property
    def concerns(self) -> ConcernsTab:
        return cast(ConcernsTab, self._tab("concerns"))

    @property
    def actions_list(self) -> ActionsTab:
        return cast(ActionsTab, self._tab("actions"))

    @property
    def chronology(self) -> ChronologyTab:
        return cast(ChronologyTab, self._tab("chronology"))

    @property
    def early_help(self) -> EarlyHelpTab:
        return cast(EarlyHelpTab, self._tab("early_help"))

    @property
    def referrals(self) -> ReferralsTab:
        return cast(ReferralsTab, self._tab("referrals"))

    @property
    def escalations(self) -> EscalationTab:
        return cast(EscalationTab, self._tab("escalations"))

    @property
    def sharing(self) -> SharingTab:
        return cast(SharingTab, self._tab("sharing"))

    @property
    def attachments(self) -> AttachmentsTab:
        return cast(AttachmentsTab, self._tab("attachments"))

    @property
    def history(self) -> RecordList:
        return cast(RecordList, self._tab("history"))

    # ---- loading ----------------------------------------------------------------------------------

    def load(self, tab: str = "", *, audit: bool = True) -> None:
        """Open the record as it first paints (the front sheet, tab counts and the Overview's panels; audited as a
        view); the whole file is read when a record tab is first opened."""
        if tab:
            self._pending_tab = tab
        casework.open_front(self.session, self.child_id, self.on, self._front_loaded, audit=audit, owner=self)

    def _ensure_file(self) -> None:
        if self.front is None or self._file_asked:
            return
        self._file_asked = True
        casework.open_child(self.session, self.child_id, self._file_loaded, audit=False, owner=self)

    def refresh_if(self, changes: Changes) -> None:
        if self.child_id not in changes.child_ids:
            return
        self._pending_tab = self.current_tab()
        if self.front is None:
            self.load(audit=False)  # the file on screen, read again after the user's own change: not a new view
            return
        if self.opened is None and self._file_asked:
            self._file_asked = False  # the file being read may predate the change: read it again after it
            self._ensure_file()
        casework.refresh_record(self.session, self.front, self.opened, self.on, self._refreshed, owner=self)
        if not changes.kinds <= ROW_KINDS:
            self.household.refresh()
            self.supervision_notes.refresh()

    def _front_loaded(self, opened: OpenedFront) -> None:
        front = self.front = opened.front
        self._show_sheet(front)
        self._show_panels(front.panels, later=True)  # the child's words below the first screen: after it paints
        self._show_counts(front.counts)
        self.household.show_household(opened.household)  # read in the same job: one job paints the Overview
        self.supervision_notes.show_notes(opened.supervision_notes)
        self.set_tab(self._pending_tab)
        self._tab_changed(self.tabs.currentIndex())
        self.loaded.emit()

    def _show_sheet(self, front: FrontSheet) -> None:
        """The header and the Overview's front sheet with its cards."""
        file = front.file
        child = file.child
        self.name_label.setText(ltr(child.display_name))
        self.status_badge.setText(strings.STATUS_SHORT[child.status])
        self.status_badge.set_tone(STATUS_TONE[child.status])
        self.status_badge.setToolTip(STATUS_LABELS[child.status])
        clear_layout(self.badges)
        for designation in child.designations:
            self.badges.addWidget(Badge(DESIGNATION_LABELS[Designation(designation)]))
        self.subtitle.setText(self._subtitle(child))
        self.export_menu_button.set_referrals(front.counts.referrals)
        if (chronology := self._built.get("chronology")) is not None:
            cast(ChronologyTab, chronology).set_front(child, front.counts.referrals)
        self.court_orders.show_orders(file.court_orders, file.people)
        self.statutory.show_records(file.statutory_records)
        self.child_links.show_links(file.child_links)
        self.overview.show_file(file, self.on)
        self.child_links.setVisible(bool(file.child_links))  # only a child some concern names has the card

    def _show_panels(
        self,
        panels: OverviewPanels,
        before: OverviewPanels | None = None,
        *,
        guidance: bool = True,
        later: bool = False,
    ) -> None:
        """The child's voice and the practice guidance above the front sheet (with ``before``, the panels shown
        until now: each shown again only if its answer changed; with ``later``, the voice panel lays out the words
        after the record's first paint)."""
        voice = ChildVoice(panels.voice, panels.voice_last, panels.voice_prompt, panels.voice_complete)
        was = (
            ChildVoice(before.voice, before.voice_last, before.voice_prompt, before.voice_complete) if before else None
        )
        if voice != was and not (self.voice_panel.showing_all and not voice.complete):
            self.voice_panel.show_voice(voice, later=later)
        elif self.voice_panel.showing_all and voice != was:
            self._read_all_voice()  # the DSL asked for every entry: read them all again
        if guidance and (before is None or (panels.alerts, panels.threshold) != (before.alerts, before.threshold)):
            self._show_guidance(OverviewGuidance(panels.alerts, panels.threshold), in_place=before is not None)

    def _read_all_voice(self) -> None:
        """Every time the child's words were recorded (the Overview read only the newest), then shown."""
        learning.load_child_voice(self.session, self.child_id, self.on, self.voice_panel.show_voice, owner=self)

    def _show_guidance(self, guidance: OverviewGuidance, *, in_place: bool = False) -> None:
        """The guidance above the front sheet (the page's card, refilled); with ``in_place``, the card takes the new
        answer by its count alone when only alerts not yet built changed."""
        if in_place and self._guidance.took(guidance):
            return
        self._guidance.show_guidance(guidance)
        self._guidance.show()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.voice_panel.painted()  # the child's words, waiting for the first paint, laid out next

    def _show_counts(self, counts: RecordCounts) -> None:
        shown = (
            None,
            counts.concerns,
            counts.open_actions,
            cast(ChronologyTab, self._built["chronology"]).count if "chronology" in self._built else None,
            counts.early_help,
            counts.referrals,
            counts.escalations,
            counts.sharing,
            counts.attachments,
            None,
        )
        for number, (title, count) in enumerate(zip(strings.CHILD_TABS, shown, strict=True)):
            self.tabs.setTabText(number, f"{title} ({count})" if count else title)

    def _file_loaded(self, opened: OpenedChild) -> None:
        self.opened = opened
        self._filled.clear()
        self._fill(self.current_tab())
        self.file_loaded.emit()

    def _tab_items(self, key: str, file: ChildFile) -> Sequence[Any]:
        if key == "early_help":
            return [*file.early_help_plans, *file.early_help_reviews, *file.threshold_decisions]
        return list(getattr(file, TAB_SECTIONS[key]))

    def _fill(self, key: str, *, update: bool = False) -> None:
        """Give a record tab its rows from the file held (each tab when first seen; after a save, those seen
        get their rows updated in place)."""
        opened = self.opened
        if opened is None or key in ("overview", "chronology") or (key in self._filled) != update:
            return  # no file yet; or a tab given its rows already, or one not yet seen (it gets them when seen)
        if key == "history":
            (self.history.update_items if update else self.history.set_items)(opened.history)
        elif update:
            cast(RecordTab, self._tab(key)).update_items(self._tab_items(key, opened.file))
        else:
            cast(RecordTab, self._tab(key)).set_items(self._tab_items(key, opened.file))
        self._filled.add(key)

    def _refreshed(self, refreshed: Refreshed) -> None:
        """Show only what changed: the sheet rebuilt if its records changed, the panels if their answer did, the
        record tabs' rows updated and added in place (those not yet seen get theirs when they are)."""
        before, front = self.front, refreshed.front
        self.front = front
        if before is None or front.file != before.file:
            self._show_sheet(front)  # the guidance goes above the new sheet; the voice panel moves with its words
            self._show_guidance(OverviewGuidance(front.panels.alerts, front.panels.threshold))
            self._show_panels(front.panels, before.panels if before is not None else None, guidance=False)
        elif front.panels != before.panels:
            self._show_panels(front.panels, before.panels)
        self._show_counts(front.counts)
        if refreshed.opened is not None and self.opened is not None:
            self.opened = refreshed.opened
            for key in tuple(self._filled):
                self._fill(key, update=True)
        if (chronology := self._built.get("chronology")) is not None:
            cast(ChronologyTab, chronology).changed()  # built again now if on screen, else when next seen
        self.loaded.emit()

    def _subtitle(self, child: Child) -> str:
        parts = [child.full_legal_name if child.known_as else "", dob_and_age(child.dob, self.on), child.year_group]
        if child.upn:
            parts.append(strings.CHILD_UPN_SHORT.format(upn=child.upn))
        return "  ·  ".join(p for p in parts if p)

    # ---- tabs and actions -------------------------------------------------------------------------

    def set_tab(self, key: str) -> None:
        if key in TAB_KEYS:
            self.tabs.setCurrentIndex(TAB_KEYS.index(key))

    def current_tab(self) -> str:
        return TAB_KEYS[self.tabs.currentIndex()]

    def _attachment_targets(self) -> list[tuple[str, str]]:
        """(id, label) of the records a file can be attached to, newest first."""
        if self.opened is None:
            return []
        file = self.opened.file
        records: list[Record] = [*file.concerns, *file.early_help_reviews, *file.referrals]
        return attachment_targets(records)

    def _detail(self, record: Record) -> str:
        amendments = self.opened.amended.get(str(record.id), []) if self.opened else []
        return record_html(record, amendments, self.opened.file.records() if self.opened else ())

    def export_bundle(self) -> QWidget:
        """This child's whole case bundle (JSON, unencrypted): passphrase again, a warning, audited by the core."""
        from ui.dialogs.unencrypted_export import UnencryptedExportDialog

        dialog = UnencryptedExportDialog(self.session, child_id=self.child_id, parent=self.window())
        self._bundle_dialog = dialog
        dialog.open()
        return dialog

    def _acknowledge_alert(self, alert: AlertItem) -> None:
        """Ask for the DSL's note; the alert stays on the list, marked acknowledged (never silently hidden)."""
        note, ok = QInputDialog.getMultiLineText(
            self,
            strings.ACKNOWLEDGE_ALERT_TITLE,
            strings.ACKNOWLEDGE_ALERT_ASKS.get(alert.rule_id, strings.ACKNOWLEDGE_ALERT_ASK).format(alert=alert.title),
        )
        if not ok:
            return

        def failed(error: CasebookError) -> None:
            QMessageBox.warning(self, strings.ACKNOWLEDGE_ALERT_TITLE, str(error))

        guidance_ops.acknowledge(self.session, alert, note, self.on, lambda _ack: None, failed)

    def _history_text(self, item: HistoryItem) -> str:
        if item.action == "view" and item.object_id == self.child_id:
            return strings.HISTORY_VIEWED_FILE
        verb = strings.HISTORY_ACTIONS.get(item.action, item.action.capitalize())
        kind = RECORD_KINDS.get(item.kind or item.detail)
        what = kind.LABEL.lower() if kind else (item.detail or "")
        if kind is not None and kind.KIND == "child":
            what = strings.HISTORY_CHILD_DETAILS
        elif kind is not None:
            vowel = what.startswith(("a", "e", "i", "o", "u"))
            what = (strings.HISTORY_AN_RECORD if vowel else strings.HISTORY_A_RECORD).format(what=what)
        return f"{verb} {what}".strip()

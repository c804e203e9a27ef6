"""Supervision and reflection log, the DSL's strings.SUPERVISION_CPD log, and a child's supervision notes."""

from __future__ import annotations

from datetime import date, datetime
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dslapp.errors import CasebookError
from dslapp.export.common import ExportResult
from dslapp.models import CpdRecord, SupervisionNote
from dslapp.models.supervision import FollowUp
from dslapp.services.changes import Changes
from ui import strings, theme
from ui.formatting import dmy
from ui.operations import learning as ops
from ui.operations.session import Session
from ui.widgets.common import Card, page_header, text_label

ID_ROLE = Qt.ItemDataRole.UserRole + 1
WATCHED = ops.WATCHED_KINDS


def fill_card(card: Card) -> Card:
    """Let the card's body take the card's full height (Card keeps its content at the top by default)."""
    outer = card.layout()
    if outer is not None and outer.count():
        outer.takeAt(outer.count() - 1)
    return card


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date_edit(day: date) -> QDateEdit:
    edit = QDateEdit(_qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    return edit


def parse_actions(text: str) -> list[FollowUp]:
    """Lines of "what | dd/mm/yyyy" (the date optional) as follow-up actions."""
    out = []
    for line in text.splitlines():
        what, _, when = line.partition("|")
        if not what.strip():
            continue
        due = None
        if when.strip():
            try:
                due = datetime.strptime(when.strip(), "%d/%m/%Y").date()
            except ValueError as exc:
                raise CasebookError(strings.SUPERVISION_BAD_DATE.format(when=when.strip())) from exc
        out.append(FollowUp(what=what.strip(), due=due))
    return out


def session_html(note: SupervisionNote, names: dict[str, str]) -> str:
    children = (
        ", ".join(escape(names.get(str(c), strings.SUPERVISION_UNKNOWN_CHILD)) for c in note.child_ids)
        or strings.SUPERVISION_NO_CHILDREN
    )
    actions = "".join(
        f"<li>{escape(a.what)}"
        + (strings.SUPERVISION_ACTION_DUE.format(date=dmy(a.due)) if a.due else "")
        + (strings.SUPERVISION_ACTION_DONE.format(date=dmy(a.done_on)) if a.done_on else "")
        + "</li>"
        for a in note.actions
    )
    reflections = escape(note.reflections).replace(chr(10), "<br>") or "—"
    differently = escape(note.do_differently).replace(chr(10), "<br>") or "—"
    return (
        f"<h3>{escape(strings.SUPERVISION_HELD.format(date=dmy(note.held_on), supervisor=note.supervisor))}</h3>"
        f"<p><b>{strings.SUPERVISION_CHILDREN_LABEL}</b> {children}</p>"
        f"<p><b>{strings.SUPERVISION_REFLECTIONS}</b><br>{reflections}</p>"
        f"<p><b>{strings.SUPERVISION_DO_DIFFERENTLY}</b><br>{differently}</p>"
        + (f"<p><b>{strings.SUPERVISION_ACTIONS_LABEL}</b></p><ul>{actions}</ul>" if actions else "")
    )


class SessionDialog(QDialog):
    def __init__(self, on: date, children: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(strings.SUPERVISION_RECORD)
        self.resize(620, 640)
        form = QFormLayout(self)
        self.held_on = _date_edit(on)
        self.supervisor = QLineEdit()
        self.child_list = QListWidget()
        self.child_list.setAccessibleName(strings.SUPERVISION_CHILDREN)
        for child_id, name in children:
            item = QListWidgetItem(name)
            item.setData(ID_ROLE, child_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.child_list.addItem(item)
        self.reflections = QPlainTextEdit()
        self.do_differently = QPlainTextEdit()
        self.action_text = QPlainTextEdit()
        self.action_text.setPlaceholderText(strings.SUPERVISION_ACTION_HINT)
        form.addRow(strings.SUPERVISION_DATE, self.held_on)
        form.addRow(strings.SUPERVISION_SUPERVISOR, self.supervisor)
        form.addRow(strings.SUPERVISION_CHILDREN, self.child_list)
        form.addRow(strings.SUPERVISION_REFLECTIONS, self.reflections)
        form.addRow(strings.SUPERVISION_DO_DIFFERENTLY, self.do_differently)
        form.addRow(strings.SUPERVISION_ACTIONS_LABEL, self.action_text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def check_child(self, child_id: str) -> None:
        for row in range(self.child_list.count()):
            item = self.child_list.item(row)
            if item.data(ID_ROLE) == child_id:
                item.setCheckState(Qt.CheckState.Checked)

    def fields(self) -> dict[str, Any]:
        chosen = [
            self.child_list.item(r).data(ID_ROLE)
            for r in range(self.child_list.count())
            if self.child_list.item(r).checkState() == Qt.CheckState.Checked
        ]
        return {
            "held_on": self.held_on.date().toPython(),
            "supervisor": self.supervisor.text(),
            "child_ids": chosen,
            "reflections": self.reflections.toPlainText(),
            "do_differently": self.do_differently.toPlainText(),
            "actions": parse_actions(self.action_text.toPlainText()),
        }


class CpdDialog(QDialog):
    def __init__(self, on: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(strings.SUPERVISION_ADD_CPD)
        form = QFormLayout(self)
        self.training = QLineEdit()
        self.attended_on = _date_edit(on)
        self.provider = QLineEdit()
        form.addRow(strings.SUPERVISION_TRAINING, self.training)
        form.addRow(strings.SUPERVISION_ATTENDED_ON, self.attended_on)
        form.addRow(strings.SUPERVISION_PROVIDER, self.provider)
        form.addRow(text_label(strings.SUPERVISION_REFRESHER_HINT, "Hint", wrap=True))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def fields(self) -> dict[str, Any]:
        return {
            "training": self.training.text(),
            "attended_on": self.attended_on.date().toPython(),
            "provider": self.provider.text(),
        }


class SupervisionPage(QWidget):
    open_child = Signal(str, str)

    def __init__(self, session: Session, on: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.on = on
        self.data: ops.SupervisionData | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 16)
        layout.setSpacing(12)
        self.record_button = QPushButton(theme.icon("plus"), strings.SUPERVISION_RECORD)
        self.record_button.setObjectName("Primary")
        self.record_button.clicked.connect(lambda: self.record_session())
        self.cpd_button = QPushButton(theme.icon("plus"), strings.SUPERVISION_ADD_CPD)
        self.cpd_button.clicked.connect(self.add_cpd)
        self.governors_button = QPushButton(theme.icon("print"), strings.SUPERVISION_GOVERNORS)
        self.governors_button.setToolTip(strings.SUPERVISION_GOVERNORS_TIP)
        self.governors_button.clicked.connect(self.export_governors)
        layout.addLayout(
            page_header(
                strings.SUPERVISION_TITLE,
                strings.SUPERVISION_SUBTITLE,
                [self.governors_button, self.cpd_button, self.record_button],
            )
        )
        grid = QGridLayout()
        grid.setSpacing(14)
        sessions = fill_card(Card(strings.SUPERVISION_SESSIONS, icon="history"))
        self.sessions = QListWidget()
        self.sessions.setAccessibleName(strings.SUPERVISION_SESSIONS)
        self.sessions.setWordWrap(True)
        self.sessions.setSpacing(3)
        self.session_view = QTextBrowser()
        self.session_view.setAccessibleName(strings.SUPERVISION_SESSION_NAME)
        sessions.body.addWidget(self.sessions, 2)
        sessions.body.addWidget(self.session_view, 3)
        actions = fill_card(Card(strings.SUPERVISION_ACTIONS, icon="actions"))
        self.action_list = QListWidget()
        self.action_list.setAccessibleName(strings.SUPERVISION_ACTIONS)
        self.action_list.setWordWrap(True)
        self.action_list.setSpacing(3)
        actions.body.addWidget(self.action_list)
        self.pdf_button = QPushButton(theme.icon("print"), strings.SUPERVISION_EXPORT_SESSION)
        self.pdf_button.clicked.connect(self.export_session)
        pdf_row = QHBoxLayout()
        pdf_row.addWidget(self.pdf_button)
        pdf_row.addStretch(1)
        sessions.body.addLayout(pdf_row)
        self.done_button = QPushButton(theme.icon("check"), strings.SUPERVISION_MARK_DONE)
        self.done_button.clicked.connect(self._mark_done)
        row = QHBoxLayout()
        row.addWidget(self.done_button)
        row.addStretch(1)
        actions.body.addLayout(row)
        cpd = fill_card(Card(strings.SUPERVISION_CPD, icon="key"))
        self.cpd = QListWidget()
        self.cpd.setAccessibleName(strings.SUPERVISION_CPD)
        self.cpd.setWordWrap(True)
        self.cpd.setSpacing(3)
        cpd.body.addWidget(self.cpd)
        grid.addWidget(sessions, 0, 0, 2, 1)
        grid.addWidget(actions, 0, 1)
        grid.addWidget(cpd, 1, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        layout.addLayout(grid, 1)
        self.sessions.currentItemChanged.connect(lambda *_: self._show_session())
        session.changed.connect(self.refresh_if)

    def refresh(self) -> None:
        ops.load_supervision(self.session, self._loaded, owner=self)

    def refresh_if(self, changes: Changes) -> None:
        if changes.touches(*WATCHED):
            self.refresh()

    def _loaded(self, data: ops.SupervisionData) -> None:
        self.data = data
        self.sessions.clear()
        for note in data.sessions:
            names = ", ".join(data.names.get(str(c), "") for c in note.child_ids)
            item = QListWidgetItem(f"{dmy(note.held_on)}  ·  {note.supervisor}" + (f"\n{names}" if names else ""))
            item.setData(ID_ROLE, str(note.id))
            self.sessions.addItem(item)
        if data.sessions:
            self.sessions.setCurrentRow(0)
        else:
            self.session_view.setHtml(f"<p>{strings.SUPERVISION_NO_SESSIONS}</p>")
        self.action_list.clear()
        for entry in data.actions:
            due = strings.SUPERVISION_LIST_DUE.format(date=dmy(entry.action.due)) if entry.action.due else ""
            late = entry.action.due is not None and entry.action.due < self.on
            item = QListWidgetItem(f"{entry.action.what}{due}" + (strings.SUPERVISION_OVERDUE if late else ""))
            item.setData(ID_ROLE, (entry.note_id, entry.index))
            if late:
                item.setForeground(QColor(theme.colours().danger))
            self.action_list.addItem(item)
        if not data.actions:
            self.action_list.addItem(strings.SUPERVISION_NO_ACTIONS)
        self.done_button.setEnabled(bool(data.actions))
        self.cpd.clear()
        for record in data.current_cpd:
            item = QListWidgetItem(self._cpd_text(record))
            if record.refresher_due is not None and record.refresher_due < self.on:
                item.setForeground(QColor(theme.colours().danger))
            self.cpd.addItem(item)
        if not data.current_cpd:
            self.cpd.addItem(strings.SUPERVISION_NO_CPD)

    def _cpd_text(self, record: CpdRecord) -> str:
        due = record.refresher_due
        state = ""
        if due is not None:
            state = (strings.SUPERVISION_LAPSED if due < self.on else strings.SUPERVISION_REFRESHER_DUE).format(
                date=dmy(due)
            )
        provider = f" ({record.provider})" if record.provider else ""
        return strings.SUPERVISION_CPD_ITEM.format(
            training=record.training, provider=provider, date=dmy(record.attended_on), state=state
        )

    def current_session(self) -> SupervisionNote | None:
        item = self.sessions.currentItem()
        if item is None or self.data is None:
            return None
        return next((n for n in self.data.sessions if str(n.id) == item.data(ID_ROLE)), None)

    def _show_session(self) -> None:
        note = self.current_session()
        if note is not None and self.data is not None:
            self.session_view.setHtml(session_html(note, self.data.names))

    def record_session(self, child_id: str = "") -> SessionDialog:
        dialog = SessionDialog(self.on, self.data.children if self.data else [], self)
        if child_id:
            dialog.check_child(child_id)
        dialog.accepted.connect(lambda: self._save_session(dialog))
        dialog.open()
        return dialog

    def _save_session(self, dialog: SessionDialog) -> None:
        try:
            fields = dialog.fields()
        except CasebookError as exc:
            self._error(exc)
            return
        ops.record_session(self.session, fields, lambda _n: self.refresh(), on_error=self._error, owner=self)

    def add_cpd(self) -> None:
        dialog = CpdDialog(self.on, self)
        dialog.accepted.connect(
            lambda: ops.record_cpd(
                self.session, dialog.fields(), lambda _r: self.refresh(), on_error=self._error, owner=self
            )
        )
        dialog.open()

    def _mark_done(self) -> None:
        item = self.action_list.currentItem()
        key = item.data(ID_ROLE) if item is not None else None
        if key:
            ops.complete_action(self.session, key[0], key[1], self.on, on_error=self._error, owner=self)

    def _save_path(self, name: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(
            self, strings.SUPERVISION_TITLE, str(Path.home() / name), strings.EXPORT_PDF_FILTER
        )
        return Path(path) if path else None

    def export_session(self) -> None:
        note = self.current_session()
        if note is None:
            return
        out = self._save_path(strings.SUPERVISION_SESSION_FILE.format(held_on=note.held_on))
        if out is not None:
            ops.export_session_pdf(self.session, str(note.id), out, self._exported, on_error=self._error, owner=self)

    def export_governors(self) -> None:
        start, end = ops.academic_year(self.on)
        out = self._save_path(strings.SUPERVISION_GOVERNORS_FILE.format(start=start.year, end=end.year))
        if out is not None:
            ops.export_governors_pdf(self.session, start, end, out, self._exported, on_error=self._error, owner=self)

    def _exported(self, result: ExportResult) -> None:
        QMessageBox.information(
            self, strings.SUPERVISION_TITLE, strings.SUPERVISION_SAVED.format(path=result.path, pages=result.pages)
        )

    def _error(self, error: CasebookError) -> None:
        QMessageBox.warning(self, strings.SUPERVISION_TITLE, str(error))


class ChildSupervisionNotes(Card):
    """The supervision sessions in which one child was discussed (for the child's record)."""

    def __init__(self, session: Session, child_id: str, parent: QWidget | None = None) -> None:
        super().__init__(strings.SUPERVISION_CHILD_NOTES, parent, icon="history")
        self.session = session
        self.child_id = child_id
        self.notes: list[SupervisionNote] = []
        self.view = QTextBrowser()
        self.view.setAccessibleName(strings.SUPERVISION_CHILD_NOTES)
        self.body.addWidget(self.view, 1)
        session.changed.connect(self.refresh_if)

    def refresh(self) -> None:
        ops.load_child_supervision(self.session, self.child_id, self.show_notes, owner=self)

    def refresh_if(self, changes: Changes) -> None:
        if changes.touches(SupervisionNote.KIND) and self.child_id:  # a page built ahead has no child yet
            self.refresh()

    def show_notes(self, notes: list[SupervisionNote]) -> None:
        self.notes = notes
        parts = [
            f"<p><b>{dmy(n.held_on)}</b> {escape(strings.SUPERVISION_WITH.format(supervisor=n.supervisor))}<br>"
            f"{escape(n.reflections)}"
            + (
                f"<br><i>{strings.SUPERVISION_DIFFERENTLY_NOTE}</i> {escape(n.do_differently)}"
                if n.do_differently
                else ""
            )
            + "</p>"
            for n in notes
        ]
        self.view.setHtml("".join(parts) or f"<p>{strings.SUPERVISION_CHILD_NOTES_NONE}</p>")

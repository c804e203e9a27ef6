"""Supervision and reflection log, the DSL's CPD log, and a child's supervision notes."""

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
from ui import theme
from ui.formatting import dmy
from ui.operations import learning as ops
from ui.operations.session import Session
from ui.widgets.common import Card, page_header, text_label

TITLE = "Supervision and CPD"
SUBTITLE = "What to bring: open actions and the children on your mind."
RECORD = "Record a session"
ADD_CPD = "Add training"
SESSIONS = "Supervision sessions"
ACTIONS = "Open supervision actions"
CPD = "My CPD"
NO_SESSIONS = "No supervision sessions recorded yet."
NO_ACTIONS = "No open actions."
NO_CPD = "No training recorded yet. Add your DSL training so Today can remind you before it lapses."
CHILD_NOTES = "Supervision notes"
CHILD_NOTES_NONE = "This child has not been discussed in a recorded supervision session."
ACTION_HINT = "One action a line; add a due date after a bar, e.g. “Threshold discussion | 28/11/2026”."
EXPORT_SESSION = "Supervision record (PDF)…"
GOVERNORS = "Governors' summary…"
GOVERNORS_TIP = "Counts of concerns, referrals, escalations and learning actions this school year. No child is named."
SAVED = "Saved {path} ({pages} pages)."
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
                raise CasebookError(f"“{when.strip()}” is not a date: write it as dd/mm/yyyy.") from exc
        out.append(FollowUp(what=what.strip(), due=due))
    return out


def session_html(note: SupervisionNote, names: dict[str, str]) -> str:
    children = ", ".join(escape(names.get(str(c), "(unknown child)")) for c in note.child_ids) or "None"
    actions = "".join(
        f"<li>{escape(a.what)}"
        + (f" (due {dmy(a.due)})" if a.due else "")
        + (f" — done {dmy(a.done_on)}" if a.done_on else "")
        + "</li>"
        for a in note.actions
    )
    return (
        f"<h3>{dmy(note.held_on)} with {escape(note.supervisor)}</h3>"
        f"<p><b>Children discussed:</b> {children}</p>"
        f"<p><b>Reflections</b><br>{escape(note.reflections).replace(chr(10), '<br>') or '—'}</p>"
        f"<p><b>What I will do differently</b><br>{escape(note.do_differently).replace(chr(10), '<br>') or '—'}</p>"
        + (f"<p><b>Actions</b></p><ul>{actions}</ul>" if actions else "")
    )


class SessionDialog(QDialog):
    def __init__(self, on: date, children: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(RECORD)
        self.resize(620, 640)
        form = QFormLayout(self)
        self.held_on = _date_edit(on)
        self.supervisor = QLineEdit()
        self.child_list = QListWidget()
        self.child_list.setAccessibleName("Children discussed")
        for child_id, name in children:
            item = QListWidgetItem(name)
            item.setData(ID_ROLE, child_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.child_list.addItem(item)
        self.reflections = QPlainTextEdit()
        self.do_differently = QPlainTextEdit()
        self.action_text = QPlainTextEdit()
        self.action_text.setPlaceholderText(ACTION_HINT)
        form.addRow("Date", self.held_on)
        form.addRow("Supervisor", self.supervisor)
        form.addRow("Children discussed", self.child_list)
        form.addRow("Reflections", self.reflections)
        form.addRow("What I will do differently", self.do_differently)
        form.addRow("Actions", self.action_text)
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
        self.setWindowTitle(ADD_CPD)
        form = QFormLayout(self)
        self.training = QLineEdit()
        self.attended_on = _date_edit(on)
        self.provider = QLineEdit()
        form.addRow("Training", self.training)
        form.addRow("Attended on", self.attended_on)
        form.addRow("Provider", self.provider)
        form.addRow(text_label("The refresher falls due two years after the training.", "Hint", wrap=True))
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
        self.record_button = QPushButton(theme.icon("plus"), RECORD)
        self.record_button.setObjectName("Primary")
        self.record_button.clicked.connect(lambda: self.record_session())
        self.cpd_button = QPushButton(theme.icon("plus"), ADD_CPD)
        self.cpd_button.clicked.connect(self.add_cpd)
        self.governors_button = QPushButton(theme.icon("print"), GOVERNORS)
        self.governors_button.setToolTip(GOVERNORS_TIP)
        self.governors_button.clicked.connect(self.export_governors)
        layout.addLayout(page_header(TITLE, SUBTITLE, [self.governors_button, self.cpd_button, self.record_button]))
        grid = QGridLayout()
        grid.setSpacing(14)
        sessions = fill_card(Card(SESSIONS, icon="history"))
        self.sessions = QListWidget()
        self.sessions.setAccessibleName(SESSIONS)
        self.sessions.setWordWrap(True)
        self.sessions.setSpacing(3)
        self.session_view = QTextBrowser()
        self.session_view.setAccessibleName("Supervision session")
        sessions.body.addWidget(self.sessions, 2)
        sessions.body.addWidget(self.session_view, 3)
        actions = fill_card(Card(ACTIONS, icon="actions"))
        self.action_list = QListWidget()
        self.action_list.setAccessibleName(ACTIONS)
        self.action_list.setWordWrap(True)
        self.action_list.setSpacing(3)
        actions.body.addWidget(self.action_list)
        self.pdf_button = QPushButton(theme.icon("print"), EXPORT_SESSION)
        self.pdf_button.clicked.connect(self.export_session)
        pdf_row = QHBoxLayout()
        pdf_row.addWidget(self.pdf_button)
        pdf_row.addStretch(1)
        sessions.body.addLayout(pdf_row)
        self.done_button = QPushButton(theme.icon("check"), "Mark done")
        self.done_button.clicked.connect(self._mark_done)
        row = QHBoxLayout()
        row.addWidget(self.done_button)
        row.addStretch(1)
        actions.body.addLayout(row)
        cpd = fill_card(Card(CPD, icon="key"))
        self.cpd = QListWidget()
        self.cpd.setAccessibleName(CPD)
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
            self.session_view.setHtml(f"<p>{NO_SESSIONS}</p>")
        self.action_list.clear()
        for entry in data.actions:
            due = f" — due {dmy(entry.action.due)}" if entry.action.due else ""
            late = entry.action.due is not None and entry.action.due < self.on
            item = QListWidgetItem(f"{entry.action.what}{due}" + (" (overdue)" if late else ""))
            item.setData(ID_ROLE, (entry.note_id, entry.index))
            if late:
                item.setForeground(QColor(theme.colours().danger))
            self.action_list.addItem(item)
        if not data.actions:
            self.action_list.addItem(NO_ACTIONS)
        self.done_button.setEnabled(bool(data.actions))
        self.cpd.clear()
        for record in data.current_cpd:
            item = QListWidgetItem(self._cpd_text(record))
            if record.refresher_due is not None and record.refresher_due < self.on:
                item.setForeground(QColor(theme.colours().danger))
            self.cpd.addItem(item)
        if not data.current_cpd:
            self.cpd.addItem(NO_CPD)

    def _cpd_text(self, record: CpdRecord) -> str:
        due = record.refresher_due
        state = ""
        if due is not None:
            state = f"lapsed {dmy(due)}" if due < self.on else f"refresher due {dmy(due)}"
        provider = f" ({record.provider})" if record.provider else ""
        return f"{record.training}{provider}\nattended {dmy(record.attended_on)} · {state}"

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
        path, _ = QFileDialog.getSaveFileName(self, TITLE, str(Path.home() / name), "PDF (*.pdf)")
        return Path(path) if path else None

    def export_session(self) -> None:
        note = self.current_session()
        if note is None:
            return
        out = self._save_path(f"supervision-{note.held_on:%Y-%m-%d}.pdf")
        if out is not None:
            ops.export_session_pdf(self.session, str(note.id), out, self._exported, on_error=self._error, owner=self)

    def export_governors(self) -> None:
        start, end = ops.academic_year(self.on)
        out = self._save_path(f"safeguarding-learning-summary-{start.year}-{end.year}.pdf")
        if out is not None:
            ops.export_governors_pdf(self.session, start, end, out, self._exported, on_error=self._error, owner=self)

    def _exported(self, result: ExportResult) -> None:
        QMessageBox.information(self, TITLE, SAVED.format(path=result.path, pages=result.pages))

    def _error(self, error: CasebookError) -> None:
        QMessageBox.warning(self, TITLE, str(error))


class ChildSupervisionNotes(Card):
    """The supervision sessions in which one child was discussed (for the child's record)."""

    def __init__(self, session: Session, child_id: str, parent: QWidget | None = None) -> None:
        super().__init__(CHILD_NOTES, parent, icon="history")
        self.session = session
        self.child_id = child_id
        self.notes: list[SupervisionNote] = []
        self.view = QTextBrowser()
        self.view.setAccessibleName(CHILD_NOTES)
        self.body.addWidget(self.view, 1)
        session.changed.connect(self.refresh_if)

    def refresh(self) -> None:
        ops.load_child_supervision(self.session, self.child_id, self._loaded, owner=self)

    def refresh_if(self, changes: Changes) -> None:
        if changes.touches(SupervisionNote.KIND):
            self.refresh()

    def _loaded(self, notes: list[SupervisionNote]) -> None:
        self.notes = notes
        parts = [
            f"<p><b>{dmy(n.held_on)}</b> with {escape(n.supervisor)}<br>{escape(n.reflections)}"
            + (f"<br><i>Will do differently:</i> {escape(n.do_differently)}" if n.do_differently else "")
            + "</p>"
            for n in notes
        ]
        self.view.setHtml("".join(parts) or f"<p>{CHILD_NOTES_NONE}</p>")

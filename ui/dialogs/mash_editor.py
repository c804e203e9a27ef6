"""The MASH enquiry editor: every section and question of ``resources/mash/enquiry_form.toml``, pre-filled
from the child's file, autosaved (encrypted) a moment after each edit, saved as one amendment with Save.

Beside the form, the completeness panel lists what is missing or thin; clicking a gap scrolls to its
question and puts the cursor there. Exports and prints save the autosaved answers first; printing goes
through a preview of the PDF built in memory (``start_print``) and is audited only when printed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dslapp.models import Referral, ReferralStatus
from dslapp.models.referral import ParentConsent
from dslapp.services.mash import EnquiryEditor, FormField, Gap
from ui import strings, theme
from ui.dialogs.export_pdf import ExportPdfDialog, safe_file_name
from ui.operations import referral_ops
from ui.operations.results import Saved
from ui.operations.session import Session
from ui.widgets.common import Badge, text_label
from ui.widgets.local_contacts import LocalContactsCard

AUTOSAVE_MS = 1500
CONSENT_CHOICES = (
    (strings.MASH_NOT_ANSWERED, None),
    (strings.MASH_CONSENT_TOLD_AGREED, ParentConsent.TOLD_AGREED.value),
    (strings.MASH_CONSENT_TOLD_REFUSED, ParentConsent.TOLD_REFUSED.value),
    (strings.MASH_CONSENT_TOLD_NOT_ASKED, ParentConsent.TOLD_NOT_ASKED.value),
    (strings.MASH_CONSENT_NOT_TOLD, ParentConsent.NOT_TOLD.value),
)
CONSENT_REASONS = {
    # which reason each case asks for (the other box is greyed out, so a reason is never filed under the wrong case)
    ParentConsent.TOLD_REFUSED.value: "without_consent_reason",
    ParentConsent.TOLD_NOT_ASKED.value: "without_consent_reason",
    ParentConsent.NOT_TOLD.value: "not_told_reason",
}


def start_print(
    session: Session,
    parent: QWidget,
    child_id: str,
    referral_id: str,
    *,
    pack: bool,
    on_shown: Callable[[QDialog], None],
    on_error: Callable[[Exception], None],
) -> None:
    """Build the enquiry (or the referral pack) as PDF bytes on the worker, then open a print preview of it;
    printing from the preview audits a 'print' row. Nothing is shown if the casebook locked meanwhile."""
    from ui.dialogs.print_pdf import print_pdf_with_preview

    def audit(pages: int) -> None:
        if pack:
            referral_ops.record_pack_print(session, child_id, pages)
        else:
            referral_ops.record_enquiry_print(session, referral_id)

    def show(data: bytes) -> None:
        if not session.is_open or not shiboken6.isValid(parent):
            return
        try:
            on_shown(
                print_pdf_with_preview(
                    parent, data, strings.MASH_PRINT_PACK_TITLE if pack else strings.MASH_PRINT_ENQUIRY_TITLE, audit
                )
            )
        except ValueError as error:
            on_error(error)

    if pack:
        referral_ops.pack_print_bytes(session, child_id, referral_id, show, on_error, owner=parent)
    else:
        referral_ops.enquiry_print_bytes(session, referral_id, show, on_error, owner=parent)


class MashEditor(QDialog):
    """Edit one enquiry. Built from ``open_enquiry``'s ``EnquiryEditor`` (and suggested answers)."""

    def __init__(
        self,
        session: Session,
        editor: EnquiryEditor,
        suggestions: dict[str, str],
        child: Any,
        on: Any,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.referral: Referral = editor.referral
        self.referral_id = str(editor.referral.id)
        self.form = editor.form
        self.child = child
        self.on = on
        self.gaps: list[Gap] = list(editor.gaps)
        self.fields: dict[str, QWidget] = {}
        self.suggestion_buttons: dict[str, QPushButton] = {}
        self.dirty: dict[str, Any] = {}
        self.export_dialog: ExportPdfDialog | None = None
        self.preview: QDialog | None = None
        self.editable = editor.referral.status == ReferralStatus.DRAFT
        self.setWindowTitle(f"{self.form.title}: {child.display_name}")
        self.setModal(False)
        self.resize(1180, 860)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(self.autosave_now)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(22, 18, 22, 14)
        outer.setSpacing(8)
        title_row = QHBoxLayout()
        title_row.addWidget(text_label(f"{self.form.title}: {child.display_name}", "PageTitle"))
        self.status_badge = Badge(self.referral.status.value.capitalize(), "warning" if self.editable else "success")
        title_row.addWidget(self.status_badge, 0, Qt.AlignmentFlag.AlignVCenter)
        title_row.addStretch(1)
        outer.addLayout(title_row)
        outer.addWidget(text_label(self.form.subtitle, "PageSubtitle", wrap=True))
        if not self.editable:
            outer.addWidget(text_label(strings.MASH_SENT_NOTE, "Hint", wrap=True))

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.setHandleWidth(12)
        self.form_scroll = QScrollArea()
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        holder = QWidget()
        body = QVBoxLayout(holder)
        body.setContentsMargins(0, 0, 14, 12)
        body.setSpacing(6)
        for number, section in enumerate(self.form.sections, start=1):
            heading = text_label(f"{number}. {section.heading}", "SectionTitle", wrap=True)
            heading.setContentsMargins(0, 14 if number > 1 else 0, 0, 0)
            body.addWidget(heading)
            if section.intro:
                body.addWidget(text_label(section.intro, "Hint", wrap=True))
            for spec in section.fields:
                body.addWidget(self._field_block(spec, editor, suggestions.get(spec.key, "")))
        body.addStretch(1)
        self._consent_changed()
        self.form_scroll.setWidget(holder)
        splitter.addWidget(self.form_scroll)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.setSpacing(6)
        side_layout.addWidget(text_label(strings.MASH_GAPS_TITLE, "SectionTitle"))
        side_layout.addWidget(text_label(strings.MASH_GAPS_HINT, "Hint", wrap=True))
        self.gap_list = QScrollArea()
        self.gap_list.setAccessibleName(strings.MASH_GAPS_TITLE)
        self.gap_list.setWidgetResizable(True)
        self.gap_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.gap_items: list[GapButton] = []
        side_layout.addWidget(self.gap_list, 3)
        self.local_contacts = LocalContactsCard()  # who to phone, and the written follow-up the area expects
        contacts = QScrollArea()
        contacts.setWidgetResizable(True)
        contacts.setFrameShape(QScrollArea.Shape.NoFrame)
        contacts.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        contacts.setWidget(self.local_contacts)
        side_layout.addWidget(contacts, 2)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 7)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([800, 330])
        outer.addWidget(splitter, 1)

        self.error = text_label("", "InlineError", wrap=True)
        self.error.setStyleSheet(f"color: {theme.colours().danger};")
        outer.addWidget(self.error)
        footer = QHBoxLayout()
        footer.setSpacing(8)
        self.state = text_label("", "Muted", wrap=True)
        footer.addWidget(self.state, 1)
        self.export_button = QPushButton(strings.MASH_EXPORT_ENQUIRY)
        self.export_button.clicked.connect(self.export_enquiry)
        self.pack_button = QPushButton(strings.CASE_EXPORT_PACK)
        self.pack_button.clicked.connect(self.export_pack)
        self.print_button = QToolButton()
        self.print_button.setText(strings.PRINT)
        self.print_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        print_menu = QMenu(self.print_button)
        print_menu.addAction(strings.MASH_PRINT_ENQUIRY, self.print_enquiry)
        print_menu.addAction(strings.MASH_PRINT_PACK, self.print_pack)
        self.print_button.setMenu(print_menu)
        self.close_button = QPushButton(strings.CLOSE)
        self.close_button.clicked.connect(self.close_editor)
        self.save_button = QPushButton(theme.icon("check", theme.colours().accent_text), strings.SAVE)
        self.save_button.setObjectName("Primary")
        self.save_button.setEnabled(self.editable)
        self.save_button.clicked.connect(self.save)
        for button in (self.export_button, self.pack_button, self.print_button, self.close_button, self.save_button):
            footer.addWidget(button)
        outer.addLayout(footer)
        self._show_gaps(self.gaps)
        session.closed.connect(self._locked)

    # ---- building the form -----------------------------------------------------------------------

    def _field_block(self, spec: FormField, editor: EnquiryEditor, suggestion: str) -> QWidget:
        block = QWidget()
        layout = QVBoxLayout(block)
        layout.setContentsMargins(0, 6, 0, 2)
        layout.setSpacing(3)
        label = spec.label + (" *" if spec.required else "")
        caption = text_label(label, "FieldLabel", wrap=True)
        caption.setStyleSheet("font-weight: 600;")
        layout.addWidget(caption)
        if spec.help:
            layout.addWidget(text_label(spec.help, "Hint", wrap=True))
        value = editor.value(spec.key)
        widget: QWidget
        if spec.kind == "consent":
            combo = QComboBox()
            for text, data in CONSENT_CHOICES:
                combo.addItem(text, data)
            current = self.referral.consent.value if self.referral.consent is not None else None
            combo.setCurrentIndex(max(0, combo.findData(current)) if current else 0)
            combo.setMinimumWidth(300)
            combo.currentIndexChanged.connect(lambda _i, key=spec.key: self._edited(key))
            combo.currentIndexChanged.connect(lambda _i: self._consent_changed())
            widget = combo
        elif spec.kind == "line" and spec.options:
            combo = QComboBox()
            combo.setEditable(True)
            combo.addItems(list(spec.options))
            combo.setCurrentText(value)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.currentTextChanged.connect(lambda _t, key=spec.key: self._edited(key))
            widget = combo
        elif spec.kind == "line":
            line = QLineEdit(value)
            line.textChanged.connect(lambda _t, key=spec.key: self._edited(key))
            widget = line
        else:
            box = QPlainTextEdit(value)
            box.setTabChangesFocus(True)
            lines = max(3, min(12, value.count("\n") + len(value) // 90 + 2))
            box.setFixedHeight(22 * lines + 14)
            box.textChanged.connect(lambda key=spec.key: self._edited(key))
            widget = box
        widget.setAccessibleName(spec.label)
        widget.setEnabled(self.editable)
        layout.addWidget(widget)
        self.fields[spec.key] = widget
        if suggestion and self.editable and not value:
            button = QPushButton(strings.MASH_USE_SUGGESTION)
            button.setToolTip(suggestion[:400])
            button.clicked.connect(lambda _c=False, key=spec.key, text=suggestion: self.use_suggestion(key, text))
            row = QHBoxLayout()
            row.addWidget(button)
            row.addWidget(text_label(_first_line(suggestion), "Hint"), 1)
            layout.addLayout(row)
            self.suggestion_buttons[spec.key] = button
        return block

    # ---- values ----------------------------------------------------------------------------------

    def value(self, key: str) -> Any:
        widget = self.fields[key]
        if isinstance(widget, QComboBox) and not widget.isEditable():
            return widget.currentData()
        if isinstance(widget, QComboBox):
            return widget.currentText()
        if isinstance(widget, QLineEdit):
            return widget.text()
        assert isinstance(widget, QPlainTextEdit)
        return widget.toPlainText()

    def set_value(self, key: str, text: str) -> None:
        widget = self.fields[key]
        if isinstance(widget, QComboBox) and widget.isEditable():
            widget.setCurrentText(text)
        elif isinstance(widget, QLineEdit):
            widget.setText(text)
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(text)

    def _consent_changed(self) -> None:
        """Only the reason the chosen consent case asks for can be typed (both, while it is unanswered)."""
        combo = self.fields.get("consent")
        if not isinstance(combo, QComboBox):
            return
        wanted = CONSENT_REASONS.get(combo.currentData())
        for key in ("without_consent_reason", "not_told_reason"):
            widget = self.fields.get(key)
            if widget is not None:
                widget.setEnabled(self.editable and ((wanted is None and combo.currentData() is None) or wanted == key))

    def use_suggestion(self, key: str, text: str) -> None:
        self.set_value(key, text)
        button = self.suggestion_buttons.pop(key, None)
        if button is not None:
            button.setEnabled(False)

    def _edited(self, key: str) -> None:
        if not self.editable:
            return
        self.dirty[key] = self.value(key)
        self.state.setText(strings.MASH_EDITING)
        self.timer.start()

    # ---- autosave and save -----------------------------------------------------------------------

    def autosave_now(self) -> None:
        self.timer.stop()
        if not self.dirty or not self.session.is_open:
            return
        fields, self.dirty = dict(self.dirty), {}
        referral_ops.autosave(self.session, self.referral_id, fields, self._autosaved, self._failed)

    def _autosaved(self, gaps: list[Gap]) -> None:
        if not shiboken6.isValid(self):
            return
        self.state.setText(strings.MASH_AUTOSAVED)
        self._show_gaps(gaps)

    def all_values(self) -> dict[str, Any]:
        return {key: self.value(key) for key in self.fields}

    def save(self) -> None:
        self.timer.stop()
        self.error.clear()
        self.dirty = {}
        referral_ops.save(self.session, self.referral_id, self.all_values(), None, self._saved, self._failed)

    def _saved(self, saved: Saved[Referral]) -> None:
        referral = saved.value
        self.referral = referral
        self.state.setText(strings.MASH_SAVED)
        referral_ops.open_enquiry(self.session, self.referral_id, lambda opened: self._show_gaps(list(opened[0].gaps)))

    def _failed(self, error: Exception) -> None:
        if shiboken6.isValid(self):
            self.error.setText(str(error))

    # ---- completeness ----------------------------------------------------------------------------

    def _show_gaps(self, gaps: list[Gap]) -> None:
        if not shiboken6.isValid(self):
            return
        self.gaps = list(gaps)
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(6)
        self.gap_items = []
        if not any(g.blocking for g in gaps):
            done = text_label(strings.MASH_NO_GAPS, wrap=True)
            done.setStyleSheet(f"color: {theme.colours().success}; font-weight: 600; padding: 6px;")
            layout.addWidget(done)
        for gap in gaps:
            button = GapButton(gap, self.go_to)
            layout.addWidget(button)
            self.gap_items.append(button)
        layout.addStretch(1)
        self.gap_list.setWidget(holder)

    def go_to(self, key: str) -> None:
        widget = self.fields.get(key)
        if widget is None:
            return
        self.form_scroll.ensureWidgetVisible(widget, 40, 80)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    # ---- export and closing ----------------------------------------------------------------------

    def _export(self, title: str, kind: str, exporter: Callable[..., None]) -> ExportPdfDialog:
        self.autosave_now()
        dialog = ExportPdfDialog(
            self.session, exporter, title=title, default_name=safe_file_name(kind, self.child, self.on), parent=self
        )
        self.export_dialog = dialog
        dialog.show()
        return dialog

    def export_enquiry(self) -> ExportPdfDialog:
        return self._export(
            strings.CASE_EXPORT_MASH_TITLE, "mash-enquiry", referral_ops.export_enquiry(self.referral_id)
        )

    def export_pack(self) -> ExportPdfDialog:
        return self._export(
            strings.CASE_EXPORT_PACK_TITLE,
            "referral-pack",
            referral_ops.export_pack(str(self.referral.child_id), self.referral_id),
        )

    def _print(self, pack: bool) -> None:
        self.autosave_now()  # queued on the worker before the PDF is built, which saves it first
        start_print(
            self.session,
            self,
            str(self.referral.child_id),
            self.referral_id,
            pack=pack,
            on_shown=self._keep_preview,
            on_error=self._failed,
        )

    def _keep_preview(self, dialog: QDialog) -> None:
        if self.preview is not None and shiboken6.isValid(self.preview):
            self.preview.reject()
        self.preview = dialog

    def print_enquiry(self) -> None:
        self._print(False)

    def print_pack(self) -> None:
        self._print(True)

    def close_editor(self) -> None:
        self.autosave_now()
        self.accept()

    def _locked(self) -> None:
        if shiboken6.isValid(self):
            self.timer.stop()
            if self.export_dialog is not None and shiboken6.isValid(self.export_dialog):
                self.export_dialog.reject()
            if self.preview is not None and shiboken6.isValid(self.preview):
                self.preview.reject()
            self.reject()

    def closeEvent(self, event: Any) -> None:
        self.autosave_now()
        super().closeEvent(event)


class GapButton(QFrame):
    """One gap in the completeness panel: its kind, question and message; a click goes to the question."""

    def __init__(self, gap: Gap, go_to: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gap = gap
        self.go_to = go_to
        c = theme.colours()
        colour = {"missing": c.danger, "thin": c.warning}.get(gap.kind, "")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(f"{strings.MASH_GAP_KINDS[gap.kind]}: {gap.label}")
        self.setObjectName("GapItem")
        self.setStyleSheet(
            f"QFrame#GapItem {{ border: 1px solid {c.border}; border-left: 4px solid {colour or c.accent};"
            " border-radius: 4px; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 8, 6)
        layout.setSpacing(2)
        title = text_label(f"{strings.MASH_GAP_KINDS[gap.kind]} · {gap.label}", wrap=True)
        title.setStyleSheet(f"font-weight: 600; color: {colour};" if colour else "font-weight: 600;")
        layout.addWidget(title)
        layout.addWidget(text_label(gap.message, "Hint", wrap=True))

    def mouseReleaseEvent(self, event: Any) -> None:  # a click anywhere on the item
        self.go_to(self.gap.field)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: Any) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.go_to(self.gap.field)
            return
        super().keyPressEvent(event)


def _first_line(text: str, limit: int = 90) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"

"""The Referrals tab: the child's MASH enquiries with their status (draft → sent → acknowledged → outcome),
dates, reference and outcome; start one pre-filled from the file, open it in the editor, record each step,
and challenge an outcome the DSL disagrees with (which starts an escalation)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit, QSplitter, QWidget

from dslapp.guidance import escalation as guide
from dslapp.guidance.learning_cards import LearningEvent
from dslapp.models import Record, Referral, ReferralOutcome, ReferralStatus
from dslapp.models.referral import SentVia
from dslapp.services.mash import SENT_VIA_LABELS, EnquiryEditor, consent_problem
from ui import strings, theme
from ui.dialogs.escalation_form import EscalationForm
from ui.dialogs.guidance_common import FormDialog, close_dialog, date_edit, text_box, to_date
from ui.dialogs.mash_editor import MashEditor, start_print
from ui.formatting import dmy
from ui.models.records import Column
from ui.operations import referral_ops
from ui.operations.results import Saved
from ui.operations.session import Session
from ui.widgets.common import Badge, text_label
from ui.widgets.learning_card import show_cards_for, show_voice_check
from ui.widgets.record_tab import RecordTab

STATUS_TONES = {
    ReferralStatus.DRAFT: "warning",
    ReferralStatus.SENT: "accent",
    ReferralStatus.ACKNOWLEDGED: "accent",
    ReferralStatus.OUTCOME: "success",
}


def status_text(referral: Referral) -> str:
    return referral.status.value.capitalize()


class MarkSentDialog(FormDialog):
    def __init__(self, session: Session, referral: Referral, on: date, parent: QWidget | None = None) -> None:
        super().__init__(strings.SENT_TITLE, strings.SENT_INTRO, strings.SENT_SAVE, parent)
        self.session = session
        self.referral = referral
        self.resize(600, 360)
        self.via = QComboBox()
        for via in SentVia:
            self.via.addItem(SENT_VIA_LABELS[via].capitalize(), via.value)
        self.form.addRow(strings.SENT_HOW, self.via)
        self.sent_on = date_edit(on)
        self.form.addRow(strings.SENT_WHEN, self.sent_on)
        self.reference = QLineEdit()
        self.reference.setPlaceholderText(strings.SENT_REFERENCE_PLACEHOLDER)
        self.form.addRow(strings.REFERRAL_REFERENCE, self.reference)
        problem = consent_problem(referral)
        if problem:
            self.body.addWidget(text_label(problem, "Hint", wrap=True))
        self.voice_check = show_voice_check(session, self.body, str(referral.child_id), on, self)
        self.save_button.clicked.connect(self.save)

    def save(self) -> None:
        referral_ops.mark_sent(
            self.session,
            str(self.referral.id),
            to_date(self.sent_on),
            SentVia(self.via.currentData()),
            self.reference.text().strip(),
            lambda _r: self.accept(),
            self.show_error,
        )


class AcknowledgedDialog(FormDialog):
    def __init__(self, session: Session, referral: Referral, on: date, parent: QWidget | None = None) -> None:
        super().__init__(strings.ACKNOWLEDGED_TITLE, "", strings.SAVE, parent)
        self.session = session
        self.referral = referral
        self.resize(560, 300)
        self.on = date_edit(on)
        self.form.addRow(strings.ACKNOWLEDGED_ON, self.on)
        self.reference = QLineEdit(referral.reference)
        self.form.addRow(strings.REFERRAL_REFERENCE, self.reference)
        self.save_button.clicked.connect(self.save)

    def save(self) -> None:
        referral_ops.mark_acknowledged(
            self.session,
            str(self.referral.id),
            to_date(self.on),
            self.reference.text().strip(),
            lambda _r: self.accept(),
            self.show_error,
        )


class OutcomeDialog(FormDialog):
    """Emits ``recorded(referral, outcome_on)`` once saved; the tab shows the learning for that moment."""

    recorded = Signal(object, object)

    def __init__(self, session: Session, referral: Referral, on: date, parent: QWidget | None = None) -> None:
        correcting = referral.status == ReferralStatus.OUTCOME
        super().__init__(strings.OUTCOME_TITLE, strings.OUTCOME_INTRO, strings.SAVE, parent)
        self.session = session
        self.referral = referral
        self.resize(640, 440)
        self.outcome = QComboBox()
        for outcome in ReferralOutcome:
            self.outcome.addItem(outcome.label, outcome.value)
        if referral.outcome:
            self.outcome.setCurrentIndex(self.outcome.findData(referral.outcome.value))
        self.form.addRow(strings.OUTCOME_LABEL, self.outcome)
        self.on = date_edit(referral.outcome_on or on)
        self.form.addRow(strings.OUTCOME_DATE, self.on)
        self.notes = text_box(strings.OUTCOME_NOTES_PLACEHOLDER, 100)
        self.notes.setPlainText(referral.outcome_notes)
        self.form.addRow(strings.OUTCOME_NOTES, self.notes)
        self.reason: QLineEdit | None = None
        if correcting:
            self.reason = QLineEdit()
            self.reason.setPlaceholderText(strings.OUTCOME_CORRECTION_PLACEHOLDER)
            self.form.addRow(strings.OUTCOME_CORRECTION, self.reason)
        self.save_button.clicked.connect(self.save)

    def save(self) -> None:
        referral_ops.record_outcome(
            self.session,
            str(self.referral.id),
            ReferralOutcome(self.outcome.currentData()),
            to_date(self.on),
            self.notes.toPlainText().strip(),
            self.reason.text().strip() if self.reason is not None else None,
            self._saved,
            self.show_error,
        )

    def _saved(self, saved: Saved[Referral]) -> None:
        referral = saved.value
        self.accept()
        self.recorded.emit(referral, to_date(self.on))


class DisagreeDialog(EscalationForm):
    def __init__(self, session: Session, referral: Referral, on: date, parent: QWidget | None = None) -> None:
        first = guide.stages()[0]
        intro = strings.DISAGREE_INTRO.format(title=first.title, advice=first.advice).strip()
        super().__init__(strings.DISAGREE_TITLE, intro, strings.ESCALATION_START_SAVE, parent)
        self.session = session
        self.referral = referral
        self.resize(680, 460)
        self.add_escalation_fields(on, 120)

    def save(self) -> None:
        summary = self.summary(strings.DISAGREE_NEED_SUMMARY)
        if not summary:
            return
        referral_ops.disagree(
            self.session,
            str(self.referral.id),
            summary,
            self.with_whom.text().strip(),
            to_date(self.raised_on),
            self._started,
            self.show_error,
        )


class ReferralsTab(RecordTab):
    def __init__(
        self,
        session: Session,
        child_id: str,
        on: date,
        detail: Callable[[Record], str],
        child: Callable[[], Any],
        parent: QWidget | None = None,
    ) -> None:
        self.child = child
        self.editor: MashEditor | None = None
        self.preview: QDialog | None = None  # the print preview, closed when the casebook locks
        super().__init__(
            session,
            child_id,
            on,
            [
                Column[Referral](
                    strings.REFERRAL_COLUMN_STARTED, lambda r: dmy(r.started_on), lambda r: r.started_on.isoformat(), 88
                ),
                Column[Referral](strings.REFERRAL_COLUMN_STATUS, status_text, width=100),
                Column[Referral](
                    strings.REFERRAL_COLUMN_SENT, lambda r: dmy(r.sent_on), lambda r: str(r.sent_on or ""), 88
                ),
                Column[Referral](
                    strings.REFERRAL_COLUMN_ACKNOWLEDGED,
                    lambda r: dmy(r.acknowledged_on),
                    lambda r: str(r.acknowledged_on or ""),
                    114,
                ),
                Column[Referral](strings.REFERRAL_COLUMN_REFERENCE, lambda r: r.reference, width=96),
                Column[Referral](
                    strings.REFERRAL_COLUMN_OUTCOME, lambda r: r.outcome.label if r.outcome else "", width=-1
                ),
            ],
            detail=detail,
            colour=lambda r: theme.colours().warning if r.status == ReferralStatus.DRAFT else None,
            name=strings.REFERRAL_LIST_NAME,
            parent=parent,
        )
        self.start_button = self.add_action(strings.REFERRAL_START, self.start, icon="plus", primary=True)
        self.open_button = self.add_action(strings.REFERRAL_OPEN, self.open_current)
        self.sent_button = self.add_action(strings.REFERRAL_SENT, self.mark_sent)
        self.ack_button = self.add_action(strings.REFERRAL_ACKNOWLEDGED, self.acknowledged)
        self.outcome_button = self.add_action(strings.REFERRAL_OUTCOME, self.record_outcome)
        self.disagree_button = self.add_action(strings.REFERRAL_DISAGREE, self.disagree)
        self.print_button = self.add_action(strings.MASH_PRINT_ENQUIRY, self.print_enquiry)
        self.print_pack_button = self.add_action(strings.MASH_PRINT_PACK, self.print_pack)
        self.chip_label = text_label(strings.REFERRAL_SELECTED, "Muted")
        self.trailing.addWidget(self.chip_label)
        self.chip = Badge("")
        self.chip.setAccessibleName(strings.REFERRAL_STATUS_NAME)
        self.trailing.addWidget(self.chip)
        splitter = self.listing.findChild(QSplitter)
        if splitter is not None:  # the listing has six columns: give it more of the width
            splitter.setStretchFactor(0, 7)
            splitter.setStretchFactor(1, 5)
        self.listing.table.doubleClicked.connect(lambda _i: self.open_current())
        self.update_actions()

    def current(self) -> Referral | None:
        item = self.listing.current()
        return item if isinstance(item, Referral) else None

    def update_actions(self) -> None:
        r = self.current()
        status = r.status if r is not None else None
        self.open_button.setEnabled(r is not None)
        self.sent_button.setEnabled(status == ReferralStatus.DRAFT)
        self.ack_button.setEnabled(status == ReferralStatus.SENT)
        self.outcome_button.setEnabled(
            status in (ReferralStatus.SENT, ReferralStatus.ACKNOWLEDGED, ReferralStatus.OUTCOME)
        )
        self.disagree_button.setEnabled(status == ReferralStatus.OUTCOME)
        self.print_button.setEnabled(r is not None)
        self.print_pack_button.setEnabled(r is not None)
        self.chip.setVisible(r is not None)
        self.chip_label.setVisible(r is not None)
        if r is not None:
            self.chip.setText(status_text(r))
            self.chip.set_tone(STATUS_TONES[r.status])

    # ---- actions ---------------------------------------------------------------------------------

    def start(self) -> None:
        referral_ops.start_enquiry(
            self.session, self.child_id, lambda saved: self.open_enquiry(str(saved.value.id)), self.show_error
        )

    def open_current(self) -> None:
        r = self.current()
        if r is not None:
            self.open_enquiry(str(r.id))

    def open_enquiry(self, referral_id: str) -> None:
        referral_ops.open_enquiry(self.session, referral_id, self._show_editor, owner=self)

    def _show_editor(self, opened: tuple[EnquiryEditor, dict[str, str]]) -> None:
        editor, suggestions = opened
        child = self.child()
        if self.editor is not None and shiboken6.isValid(self.editor):
            self.editor.close()
        self.editor = MashEditor(self.session, editor, suggestions, child, self.on, self)
        self.editor.show()

    def mark_sent(self) -> FormDialog | None:
        r = self.current()
        return self.show_dialog(MarkSentDialog(self.session, r, self.on, self)) if r is not None else None

    def acknowledged(self) -> FormDialog | None:
        r = self.current()
        return self.show_dialog(AcknowledgedDialog(self.session, r, self.on, self)) if r is not None else None

    def record_outcome(self) -> FormDialog | None:
        r = self.current()
        if r is None:
            return None
        dialog = self.show_dialog(OutcomeDialog(self.session, r, self.on, self))
        dialog.recorded.connect(self._outcome_recorded)
        return dialog

    def disagree(self) -> FormDialog | None:
        r = self.current()
        if r is None:
            return None
        dialog = self.show_dialog(DisagreeDialog(self.session, r, self.on, self))
        dialog.started.connect(self._escalation_started)
        return dialog

    def _outcome_recorded(self, referral: Referral, outcome_on: date) -> None:
        show_cards_for(self.session, self, LearningEvent.REFERRAL_OUTCOME, referral, outcome_on)

    def _escalation_started(self, escalation: Record, raised_on: date) -> None:
        show_cards_for(self.session, self, LearningEvent.ESCALATION_CONSIDERED, escalation, raised_on)

    def _print(self, pack: bool) -> None:
        r = self.current()
        if r is not None:
            start_print(
                self.session,
                self,
                self.child_id,
                str(r.id),
                pack=pack,
                on_shown=self._keep_preview,
                on_error=self.show_error,
            )

    def _keep_preview(self, dialog: QDialog) -> None:
        close_dialog(self.preview)
        self.preview = dialog

    def print_enquiry(self) -> None:
        self._print(False)

    def print_pack(self) -> None:
        self._print(True)

    def close_dialog(self) -> None:
        super().close_dialog()
        close_dialog(self.preview)
        if self.editor is not None and shiboken6.isValid(self.editor):
            self.editor.reject()

"""The Information sharing tab: every decision to share or not to share, with its reasons (DOMAIN.md, 6)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import QButtonGroup, QComboBox, QHBoxLayout, QLineEdit, QRadioButton, QWidget

from dslapp.models import Record, SharingDecision
from dslapp.models.referral import ConsentState
from ui import strings
from ui.dialogs.guidance_common import FormDialog, date_edit, text_box, to_date
from ui.formatting import dmy
from ui.models.records import Column
from ui.operations import guidance_ops
from ui.operations.session import Session
from ui.widgets.common import text_label
from ui.widgets.record_tab import RecordTab


class SharingDialog(FormDialog):
    def __init__(self, session: Session, child_id: str, on: date, parent: QWidget | None = None) -> None:
        super().__init__(strings.SHARING_RECORD, strings.SHARING_INTRO, strings.SHARING_SAVE, parent)
        self.session = session
        self.child_id = child_id
        self.resize(780, 760)
        self.decided_on = date_edit(on)
        self.form.addRow(strings.SHARING_DECIDED_ON, self.decided_on)
        self.what = text_box(strings.SHARING_WHAT_PLACEHOLDER, 70)
        self.form.addRow(strings.SHARING_WHAT, self.what)
        self.with_whom = QLineEdit()
        self.with_whom.setPlaceholderText(strings.SHARING_WITH_WHOM_PLACEHOLDER)
        self.form.addRow(strings.SHARING_WITH_WHOM, self.with_whom)
        self.why = text_box(strings.SHARING_WHY_PLACEHOLDER, 70)
        self.form.addRow(strings.SHARING_WHY, self.why)
        self.basis = QComboBox()
        self.basis.setEditable(True)
        self.basis.addItems(strings.LAWFUL_BASES)
        self.basis.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.basis.setMinimumContentsLength(24)
        self.form.addRow(strings.SHARING_BASIS, self.basis)
        self.consent = QComboBox()
        for state, label in strings.CONSENT_LABELS.items():
            self.consent.addItem(label, state)
        self.consent.setCurrentIndex(self.consent.findData(ConsentState.NOT_SOUGHT.value))
        self.form.addRow(strings.SHARING_CONSENT, self.consent)
        self.consent_why = text_box(strings.SHARING_CONSENT_WHY_PLACEHOLDER, 60)
        self.form.addRow(strings.SHARING_CONSENT_WHY, self.consent_why)
        row = QHBoxLayout()
        self.shared_group = QButtonGroup(self)
        self.shared_yes = QRadioButton(strings.SHARING_SHARED)
        self.shared_no = QRadioButton(strings.SHARING_NOT_SHARED)
        self.shared_group.addButton(self.shared_yes)
        self.shared_group.addButton(self.shared_no)
        row.addWidget(self.shared_yes)
        row.addWidget(self.shared_no)
        row.addStretch(1)
        self.form.addRow(strings.SHARING_DECISION, row)
        self.reasons = text_box(strings.SHARING_REASONS_PLACEHOLDER, 80)
        self.form.addRow(strings.SHARING_REASONS, self.reasons)
        self.save_button.clicked.connect(self.save)

    def fields(self) -> dict[str, Any]:
        parts = [
            self.reasons.toPlainText().strip(),
            strings.SHARING_WHY_PREFIX.format(why=self.why.toPlainText().strip())
            if self.why.toPlainText().strip()
            else "",
            strings.SHARING_CONSENT_PREFIX.format(why=self.consent_why.toPlainText().strip())
            if self.consent_why.toPlainText().strip()
            else "",
        ]
        return {
            "child_id": self.child_id,
            "decided_on": to_date(self.decided_on).isoformat(),
            "what": self.what.toPlainText().strip(),
            "with_whom": self.with_whom.text().strip(),
            "lawful_basis": self.basis.currentText().strip(),
            "consent": self.consent.currentData(),
            "reasons": "\n".join(p for p in parts if p),
            "shared": self.shared_yes.isChecked(),
        }

    def save(self) -> None:
        fields = self.fields()
        missing = [
            label
            for label, ok in (
                (strings.SHARING_MISSING_WHAT, fields["what"]),
                (strings.SHARING_MISSING_WITH_WHOM, fields["with_whom"]),
                (strings.SHARING_MISSING_SHARED, self.shared_group.checkedButton() is not None),
                (strings.SHARING_MISSING_REASONS, self.reasons.toPlainText().strip()),
            )
            if not ok
        ]
        consent = ConsentState(fields["consent"])
        if consent in (ConsentState.NOT_SOUGHT, ConsentState.REFUSED) and not self.consent_why.toPlainText().strip():
            missing.append(strings.SHARING_MISSING_CONSENT_WHY)
        if missing:
            self.show_error(strings.SHARING_MISSING.format(missing=", ".join(missing)))
            return
        guidance_ops.record_sharing_decision(self.session, fields, lambda _s: self.accept(), self.show_error)


class SharingTab(RecordTab):
    def __init__(
        self, session: Session, child_id: str, on: date, detail: Callable[[Record], str], parent: QWidget | None = None
    ) -> None:
        super().__init__(
            session,
            child_id,
            on,
            [
                Column[SharingDecision](
                    strings.SHARING_COLUMN_DATE, lambda s: dmy(s.decided_on), lambda s: s.decided_on.isoformat(), 100
                ),
                Column[SharingDecision](strings.SHARING_COLUMN_WITH_WHOM, lambda s: s.with_whom, width=180),
                Column[SharingDecision](
                    strings.SHARING_COLUMN_SHARED, lambda s: strings.YES if s.shared else strings.NO, width=80
                ),
                Column[SharingDecision](
                    strings.SHARING_COLUMN_WHAT, lambda s: s.what.strip().splitlines()[0] if s.what else ""
                ),
            ],
            detail=detail,
            name=strings.SHARING_LIST_NAME,
            parent=parent,
        )
        self.record_button = self.add_action(strings.SHARING_RECORD, self.record, icon="plus", primary=True)
        self.above_list.addWidget(text_label(strings.SHARING_INTRO, "Hint", wrap=True))

    def record(self) -> None:
        self.show_dialog(SharingDialog(self.session, self.child_id, self.on, self))

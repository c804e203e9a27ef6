"""The Information sharing tab: every decision to share or not to share, with its reasons (DOMAIN.md, 6)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from dslapp.models import Record, SharingDecision
from dslapp.models.referral import ConsentState
from ui import strings, theme
from ui.dialogs.guidance_common import FormDialog, close_dialog, date_edit, text_box, to_date
from ui.formatting import dmy
from ui.models.records import Column
from ui.operations import guidance_ops
from ui.operations.session import Session
from ui.widgets.common import text_label

RECORD = "Record a sharing decision"
INTRO = (
    "Record every decision about sharing information, and the reasons, whether or not you shared. "
    "Lack of consent is not a barrier to sharing where a child is at risk of harm."
)
CONSENT_LABELS = {
    ConsentState.GIVEN: "Consent given",
    ConsentState.REFUSED: "Consent refused",
    ConsentState.NOT_SOUGHT: "Consent not sought",
    ConsentState.NOT_NEEDED: "Consent not needed",
}
LAWFUL_BASES = (
    "",
    "Public task (UK GDPR 6(1)(e)); substantial public interest, safeguarding (DPA 2018 Sch 1 para 18)",
    "Legal obligation (UK GDPR 6(1)(c))",
    "Vital interests (UK GDPR 6(1)(d))",
    "Consent (UK GDPR 6(1)(a))",
)


class SharingDialog(FormDialog):
    def __init__(self, session: Session, child_id: str, on: date, parent: QWidget | None = None) -> None:
        super().__init__(RECORD, INTRO, "Save the decision", parent)
        self.session = session
        self.child_id = child_id
        self.resize(780, 760)
        self.decided_on = date_edit(on)
        self.form.addRow("Decided on", self.decided_on)
        self.what = text_box("What information", 70)
        self.form.addRow("What", self.what)
        self.with_whom = QLineEdit()
        self.with_whom.setPlaceholderText("Name, role and agency")
        self.form.addRow("With whom", self.with_whom)
        self.why = text_box("Why share it: the purpose, and what it means for the child", 70)
        self.form.addRow("Why", self.why)
        self.basis = QComboBox()
        self.basis.setEditable(True)
        self.basis.addItems(LAWFUL_BASES)
        self.basis.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.basis.setMinimumContentsLength(24)
        self.form.addRow("Lawful basis", self.basis)
        self.consent = QComboBox()
        for state, label in CONSENT_LABELS.items():
            self.consent.addItem(label, state.value)
        self.consent.setCurrentIndex(self.consent.findData(ConsentState.NOT_SOUGHT.value))
        self.form.addRow("Consent", self.consent)
        self.consent_why = text_box("If consent was not sought or was refused, why (e.g. it would increase risk)", 60)
        self.form.addRow("About consent", self.consent_why)
        row = QHBoxLayout()
        self.shared_group = QButtonGroup(self)
        self.shared_yes = QRadioButton("Shared")
        self.shared_no = QRadioButton("Not shared")
        self.shared_group.addButton(self.shared_yes)
        self.shared_group.addButton(self.shared_no)
        row.addWidget(self.shared_yes)
        row.addWidget(self.shared_no)
        row.addStretch(1)
        self.form.addRow("Decision", row)
        self.reasons = text_box("The reasons for the decision, either way", 80)
        self.form.addRow("Reasons", self.reasons)
        self.save_button.clicked.connect(self.save)

    def fields(self) -> dict[str, Any]:
        parts = [
            self.reasons.toPlainText().strip(),
            f"Why share: {self.why.toPlainText().strip()}" if self.why.toPlainText().strip() else "",
            f"Consent: {self.consent_why.toPlainText().strip()}" if self.consent_why.toPlainText().strip() else "",
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
                ("what", fields["what"]),
                ("with whom", fields["with_whom"]),
                ("whether it was shared", self.shared_group.checkedButton() is not None),
                ("the reasons", self.reasons.toPlainText().strip()),
            )
            if not ok
        ]
        consent = ConsentState(fields["consent"])
        if consent in (ConsentState.NOT_SOUGHT, ConsentState.REFUSED) and not self.consent_why.toPlainText().strip():
            missing.append("why consent was not sought or was overridden")
        if missing:
            self.show_error("Please fill in " + ", ".join(missing) + ".")
            return
        guidance_ops.record_sharing_decision(self.session, fields, lambda _s: self.accept(), self.show_error)


class SharingTab(QWidget):
    def __init__(
        self, session: Session, child_id: str, on: date, detail: Callable[[Record], str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        from ui.windows.child_record import RecordList  # the record window imports this module

        self.session = session
        self.child_id = child_id
        self.on = on
        self.dialog: Any = None
        session.closed.connect(self.close_dialog)  # nothing stays on screen once locked
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(8)
        bar = QHBoxLayout()
        self.record_button = QPushButton(theme.icon("plus", theme.colours().accent_text), RECORD)
        self.record_button.setObjectName("Primary")
        self.record_button.clicked.connect(self.record)
        bar.addWidget(self.record_button)
        bar.addWidget(text_label(INTRO, "Hint", wrap=True), 1)
        layout.addLayout(bar)
        self.listing = RecordList(
            [
                Column[SharingDecision]("Date", lambda s: dmy(s.decided_on), lambda s: s.decided_on.isoformat(), 100),
                Column[SharingDecision]("With whom", lambda s: s.with_whom, width=180),
                Column[SharingDecision]("Shared?", lambda s: strings.YES if s.shared else strings.NO, width=80),
                Column[SharingDecision]("What", lambda s: s.what.strip().splitlines()[0] if s.what else ""),
            ],
            detail=detail,
            name="Information sharing",
        )
        if (listing_layout := self.listing.layout()) is not None:
            listing_layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.listing, 1)

    def set_items(self, items: Sequence[SharingDecision]) -> None:
        self.listing.set_items(items)

    def record(self) -> None:
        self.dialog = SharingDialog(self.session, self.child_id, self.on, self)
        self.dialog.show()

    def close_dialog(self) -> None:
        close_dialog(self.dialog)

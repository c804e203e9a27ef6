"""What starting an escalation asks, whichever screen starts it: when it was raised, with whom, and what the
disagreement is. The Escalations tab and "Disagree with this outcome" on a MASH enquiry both use it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit

from dslapp.guidance import escalation as guide
from dslapp.models import Escalation
from ui import strings
from ui.dialogs.guidance_common import FormDialog, date_edit, text_box, to_date
from ui.operations.results import Saved


class EscalationForm(FormDialog):
    """Emits ``started(escalation, raised_on)`` once saved; the tab shows the learning for that moment.
    Subclasses add their own rows first, call :meth:`add_escalation_fields`, and send :meth:`summary`."""

    started = Signal(object, object)

    def add_escalation_fields(self, on: date, summary_height: int) -> None:
        self.raised_on = date_edit(on)
        self.form.addRow(strings.ESCALATION_RAISED_ON, self.raised_on)
        self.with_whom = QLineEdit()
        self.with_whom.setPlaceholderText(guide.stages()[0].with_whom)
        self.form.addRow(strings.ESCALATION_WITH_WHOM, self.with_whom)
        self.summary_box = text_box(strings.ESCALATION_SUMMARY_PLACEHOLDER, summary_height)
        self.form.addRow(strings.ESCALATION_SUMMARY, self.summary_box)
        self.save_button.clicked.connect(self.save)

    def save(self) -> None:
        raise NotImplementedError

    def summary(self, missing: str) -> str:
        """What the disagreement is, or empty (with ``missing`` shown) when it has not been written."""
        text = self.summary_box.toPlainText().strip()
        if not text:
            self.show_error(missing)
        return text

    def _started(self, saved: Saved[Escalation]) -> None:
        self.accept()
        self.started.emit(saved.value, to_date(self.raised_on))

"""A DSL's acknowledgement of a practice alert: the alert stays visible, with their note beside it."""

from __future__ import annotations

from datetime import date

from dslapp.models.base import ChildRecord, PastDate, RequiredShortText, RequiredText, join_text


class AlertAcknowledgement(ChildRecord):
    KIND = "alert_acknowledgement"
    LABEL = "Alert acknowledged"

    key: RequiredShortText
    rule_id: RequiredShortText
    acknowledged_on: PastDate
    note: RequiredText

    def occurred_on(self) -> date:
        return self.acknowledged_on

    def search_text(self) -> str:
        return join_text(self.note)

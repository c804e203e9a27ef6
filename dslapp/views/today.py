"""What the DSL's day shows: one item per thing due, each one click from the child."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class TodayItem:
    section: str
    child_id: str
    child_name: str
    record_id: str
    title: str
    due: date | None
    overdue: bool
    rule_id: str = ""
    """The rule that put the item on Today; items of the built-in sections take their section's rule."""
    banner: str = ""
    """Shown beside the child's name: a court order in force (who must not collect them), else empty."""

    def as_json(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "child_id": self.child_id,
            "child_name": self.child_name,
            "record_id": self.record_id,
            "title": self.title,
            "due": self.due.isoformat() if self.due else None,
            "overdue": self.overdue,
            "banner": self.banner,
            "rule_id": self.rule_id or SECTION_RULES.get(self.section, ""),
        }


SECTIONS = {
    "staff_concerns": "New concerns from staff",
    "overdue_actions": "Overdue actions",
    "actions_due": "Actions due this week",
    "reviews_due": "Early Help reviews due",
    "referrals_awaiting": "Referrals awaiting an outcome",
    "transfers_awaiting": "Transfers awaiting receipt",
    "alerts": "Practice alerts",
}

# The rule behind each built-in section, so every item can be checked from outside the GUI.
SECTION_RULES = {
    "staff_concerns": "staff_concern_new",
    "overdue_actions": "action_overdue",
    "actions_due": "action_due_this_week",
    "reviews_due": "eh_review_due",
    "referrals_awaiting": "referral_outcome_awaited",
    "transfers_awaiting": "transfer_receipt_awaited",
}

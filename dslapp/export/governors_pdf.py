"""The learning summary for the governors' annual safeguarding report.

Counts only: concerns by category, referrals and their outcomes, escalations, and the learning actions
the school has taken. No child is identifiable: no names, dates of birth or ids, and free text the DSL
wrote (learning actions, "what we will change") has every child's name in the vault replaced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from reportlab.platypus import Flowable

from dslapp.export.form_layout import table
from dslapp.export.staff_page import NOTE, StaffPageInfo, body_width, build_staff_pdf, gap, heading, paragraph
from dslapp.models.referral import DisagreementType
from dslapp.text import dmy

REDACTED = "[name removed]"
SMALL_COUNT = 5
"""Counts from 1 to ``SMALL_COUNT - 1`` are never printed: in a small school they could identify a child."""
FEWER_THAN = f"fewer than {SMALL_COUNT}"
NOT_YET = "Outcome awaited"
DISAGREEMENT_LABELS = {
    DisagreementType.THRESHOLD: "Threshold",
    DisagreementType.ROLES: "Roles and responsibilities",
    DisagreementType.INFORMATION_SHARING: "Information sharing",
    DisagreementType.SERVICES: "Services offered",
    DisagreementType.PLAN_PROGRESS: "Plan progress",
    DisagreementType.STEP_UP_DOWN_CLOSURE: "Step-up, step-down or closure",
}


@dataclass(frozen=True)
class ActionLine:
    learning: str
    what: str
    due: date | None
    done_on: date | None


@dataclass
class LearningSummary:
    """Counts for the period (``start`` to ``end`` inclusive): nothing that identifies a child."""

    start: date
    end: date
    concerns: int = 0
    children_with_concerns: int = 0
    by_category: list[tuple[str, int]] = field(default_factory=list)
    referrals_sent: int = 0
    by_outcome: list[tuple[str, int]] = field(default_factory=list)
    escalations: int = 0
    escalations_resolved: int = 0
    escalations_by_type: list[tuple[str, int]] = field(default_factory=list)
    highest_stage: list[tuple[str, int]] = field(default_factory=list)
    learning_entries: int = 0
    changes: list[tuple[str, str]] = field(default_factory=list)
    """(learning title, what we will change here)."""
    actions: list[ActionLine] = field(default_factory=list)
    training: list[tuple[str, int]] = field(default_factory=list)
    """(training, times attended in the period) for the DSL's CPD."""


def redact(text: str, names: list[str]) -> str:
    """``text`` with each of ``names`` (whole words, any case) replaced."""
    if not names or not text:
        return text
    pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b", re.IGNORECASE)
    return pattern.sub(REDACTED, text)


def count(n: int) -> str:
    """A count as the governors see it: 0 stays 0, 1 to 4 are "fewer than 5", 5 and more are exact."""
    return FEWER_THAN if 0 < n < SMALL_COUNT else str(n)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _counts(title: str, rows: list[tuple[str, int]], width: float) -> list[Flowable]:
    if not rows:
        return [paragraph(f"{title}: none in this period.", NOTE)]
    return [table([title, "Number"], [(k, count(v)) for k, v in rows], [width * 0.75, width * 0.25]), gap(8)]


def summary_story(summary: LearningSummary) -> list[Flowable]:
    width = body_width()
    story: list[Flowable] = [
        paragraph(
            "This summary gives numbers only. It does not name or otherwise identify any child, and it is "
            "intended for the governors' annual safeguarding report. Any number from one to four is shown as "
            f'"{FEWER_THAN}" so that no child can be identified in a small school.',
            NOTE,
        ),
        heading("Concerns recorded"),
        paragraph(
            _sentence(f"{count(summary.concerns)} concerns were recorded about ")
            + f"{count(summary.children_with_concerns)} children. "
            "A concern can fall under more than one category."
        ),
        *_counts("Category", summary.by_category, width),
        heading("Referrals and outcomes"),
        paragraph(
            _sentence(f"{count(summary.referrals_sent)} referrals (MASH contacts or requests for support) were sent.")
        ),
        *_counts("Outcome", summary.by_outcome, width),
        heading("Escalations (professional disagreement)"),
        paragraph(
            _sentence(f"{count(summary.escalations)} disagreements were escalated under the Case Resolution Protocol; ")
            + f"{count(summary.escalations_resolved)} escalation stages ended in a resolution."
        ),
        *_counts("What the disagreement was about", summary.escalations_by_type, width),
        *_counts("Highest stage reached", summary.highest_stage, width),
        heading("Learning from reviews"),
        paragraph(f"The learning library holds {count(summary.learning_entries)} entries."),
    ]
    if summary.changes:
        story.append(
            table(["Learning", "What we will change here"], summary.changes, [width * 0.32, width * 0.68]),
        )
        story.append(gap(8))
    if summary.actions:
        rows = [
            (a.learning, a.what, dmy(a.due), f"Done {dmy(a.done_on)}" if a.done_on else "Open") for a in summary.actions
        ]
        story.append(
            table(
                ["Learning", "Action", "Due", "Status"], rows, [width * 0.28, width * 0.44, width * 0.13, width * 0.15]
            )
        )
    else:
        story.append(paragraph("No learning actions recorded.", NOTE))
    story.append(heading("The DSL's training"))
    story.extend(_counts("Training attended", summary.training, width))
    return story


def render_governors_pdf(
    summary: LearningSummary, *, generated_by: str, generated_on: datetime, school: str = ""
) -> tuple[bytes, int]:
    info = StaffPageInfo(
        title="Safeguarding learning summary for governors",
        subtitle=f"Period: {dmy(summary.start)} to {dmy(summary.end)}   ·   No child is identified in this document",
        generated_by=generated_by,
        generated_on=generated_on,
        school=school,
    )
    return build_staff_pdf(summary_story(summary), info)


__all__ = [
    "DISAGREEMENT_LABELS",
    "FEWER_THAN",
    "NOT_YET",
    "SMALL_COUNT",
    "ActionLine",
    "LearningSummary",
    "count",
    "redact",
    "render_governors_pdf",
]

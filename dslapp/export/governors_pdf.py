"""The learning summary for the governors' annual safeguarding report.

Counts only: concerns by category, referrals and their outcomes, escalations, and the learning actions
the school has taken. No child is identifiable: no names, dates of birth or ids, and free text the DSL
wrote (learning actions, "what we will change") has every child's name in the vault replaced.
"""

from __future__ import annotations

import re
import time as clock
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from reportlab.platypus import Flowable

from dslapp.export.common import ExportResult, Progress, check_progress
from dslapp.export.form_layout import table
from dslapp.export.protect import check_password, encrypt_pdf
from dslapp.export.staff_page import NOTE, StaffPageInfo, body_width, build_staff_pdf, gap, heading, paragraph
from dslapp.guidance.alerts import concern_facts
from dslapp.models import Child, CpdRecord, Escalation, LearningNote, Person, Referral
from dslapp.models.referral import ESCALATION_STAGES, DisagreementType, ReferralStatus
from dslapp.store import RecordStore
from dslapp.vault.audit import Action

REDACTED = "[name removed]"
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


def _names(store: RecordStore) -> list[str]:
    """Every name in the vault that could identify a child (children and the adults around them)."""
    words: set[str] = set()
    for child in store.all_of(Child):
        for text in (child.legal_forename, child.legal_surname, child.known_as, child.display_name):
            words.update(w for w in re.split(r"[\s\-']+", text) if len(w) >= 2)
            if text.strip():
                words.add(text.strip())
    for person in store.all_of(Person):
        words.update(w for w in re.split(r"[\s\-']+", person.name) if len(w) >= 3)
    return sorted(words, key=len, reverse=True)


def redact(text: str, names: list[str]) -> str:
    """``text`` with each of ``names`` (whole words, any case) replaced."""
    if not names or not text:
        return text
    pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b", re.IGNORECASE)
    return pattern.sub(REDACTED, text)


def learning_summary(store: RecordStore, start: date, end: date) -> LearningSummary:
    """Gather the counts for the period (inclusive)."""
    summary = LearningSummary(start, end)
    facts = concern_facts(store, start, end)
    summary.concerns = len(facts)
    summary.children_with_concerns = len({f.child_id for f in facts})
    categories: Counter[str] = Counter(c.label for f in facts for c in f.categories)
    summary.by_category = sorted(categories.items(), key=lambda kv: (-kv[1], kv[0]))

    sent = [
        r
        for r in store.all_of(Referral)
        if r.status != ReferralStatus.DRAFT and r.sent_on is not None and start <= r.sent_on <= end
    ]
    summary.referrals_sent = len(sent)
    outcomes: Counter[str] = Counter(r.outcome.label if r.outcome else NOT_YET for r in sent)
    summary.by_outcome = sorted(outcomes.items(), key=lambda kv: (-kv[1], kv[0]))

    steps = [e for e in store.all_of(Escalation) if start <= e.raised_on <= end]
    first_steps = [e for e in steps if not e.follows_id]
    summary.escalations = len(first_steps) or len({(e.child_id, e.disagreement) for e in steps})
    summary.escalations_resolved = sum(1 for e in steps if e.resolved_on is not None)
    types: Counter[str] = Counter(DISAGREEMENT_LABELS.get(e.disagreement, str(e.disagreement)) for e in first_steps)
    summary.escalations_by_type = sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))
    reached: dict[tuple[str, str], int] = {}
    for e in steps:
        key = (str(e.child_id), str(e.disagreement))
        reached[key] = max(reached.get(key, 0), e.stage)
    stages: Counter[str] = Counter(ESCALATION_STAGES.get(s, f"Stage {s}") for s in reached.values())
    summary.highest_stage = sorted(stages.items())

    names = _names(store)
    entries = store.all_of(LearningNote)
    summary.learning_entries = len(entries)
    for entry in sorted(entries, key=lambda e: e.title):
        if entry.what_we_will_change.strip():
            summary.changes.append((entry.title, redact(entry.what_we_will_change, names)))
        for action in entry.actions:
            if action.done_on and not (start <= action.done_on <= end):
                continue
            summary.actions.append(ActionLine(entry.title, redact(action.what, names), action.due, action.done_on))
    training: Counter[str] = Counter(r.training for r in store.all_of(CpdRecord) if start <= r.attended_on <= end)
    summary.training = sorted(training.items())
    return summary


def _d(day: date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def _counts(title: str, rows: list[tuple[str, int]], width: float) -> list[Flowable]:
    if not rows:
        return [paragraph(f"{title}: none in this period.", NOTE)]
    return [table([title, "Number"], [(k, str(v)) for k, v in rows], [width * 0.75, width * 0.25]), gap(8)]


def summary_story(summary: LearningSummary) -> list[Flowable]:
    width = body_width()
    story: list[Flowable] = [
        paragraph(
            "This summary gives numbers only. It does not name or otherwise identify any child, and it is "
            "intended for the governors' annual safeguarding report.",
            NOTE,
        ),
        heading("Concerns recorded"),
        paragraph(
            f"{summary.concerns} concerns were recorded about {summary.children_with_concerns} children. "
            "A concern can fall under more than one category."
        ),
        *_counts("Category", summary.by_category, width),
        heading("Referrals and outcomes"),
        paragraph(f"{summary.referrals_sent} referrals (MASH enquiries or requests for support) were sent."),
        *_counts("Outcome", summary.by_outcome, width),
        heading("Escalations (professional disagreement)"),
        paragraph(
            f"{summary.escalations} disagreements were escalated under the Case Resolution Protocol; "
            f"{summary.escalations_resolved} escalation stages ended in a resolution."
        ),
        *_counts("What the disagreement was about", summary.escalations_by_type, width),
        *_counts("Highest stage reached", summary.highest_stage, width),
        heading("Learning from reviews"),
        paragraph(f"The learning library holds {summary.learning_entries} entries."),
    ]
    if summary.changes:
        story.append(
            table(["Learning", "What we will change here"], summary.changes, [width * 0.32, width * 0.68]),
        )
        story.append(gap(8))
    if summary.actions:
        rows = [
            (a.learning, a.what, _d(a.due), f"Done {_d(a.done_on)}" if a.done_on else "Open") for a in summary.actions
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
        subtitle=f"Period: {_d(summary.start)} to {_d(summary.end)}   ·   No child is identified in this document",
        generated_by=generated_by,
        generated_on=generated_on,
        school=school,
    )
    return build_staff_pdf(summary_story(summary), info)


def export_governors_pdf(
    store: RecordStore,
    start: date,
    end: date,
    out: Path,
    *,
    password: str | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Export the governors' learning summary for ``start``..``end`` to ``out``. Audited as ``export``."""
    started = clock.perf_counter()
    if password is not None:
        check_password(password)
    check_progress(progress, 0, 2)
    summary = learning_summary(store, start, end)
    data, pages = render_governors_pdf(
        summary, generated_by=store.vault.user.label, generated_on=store.vault.now(), school=store.vault.school
    )
    if password is not None:
        data = encrypt_pdf(data, password)
    check_progress(progress, 1, 2)
    from dslapp.services.bundle import write_user_file

    write_user_file(out, data)
    store.vault.audit(Action.EXPORT, "governors_summary", f"learning summary {_d(start)} to {_d(end)}: {pages} pages")
    check_progress(progress, 2, 2)
    return ExportResult(out, summary.concerns, pages, len(data), password is not None, clock.perf_counter() - started)


__all__ = ["LearningSummary", "export_governors_pdf", "learning_summary", "redact", "render_governors_pdf"]

"""The governors' learning summary: numbers for a period, with every name that could identify a child removed.

``dslapp.export.governors_pdf`` draws it (pure); this module gathers the counts from the vault and exports.
"""

from __future__ import annotations

import re
import time as clock
from collections import Counter
from datetime import date
from pathlib import Path

from dslapp.export.common import ExportResult, Progress, check_progress
from dslapp.export.governors_pdf import (
    DISAGREEMENT_LABELS,
    NOT_YET,
    ActionLine,
    LearningSummary,
    redact,
    render_governors_pdf,
)
from dslapp.export.protect import check_password
from dslapp.models import Child, CpdRecord, Escalation, LearningNote, Person, Referral
from dslapp.models.referral import ESCALATION_STAGES, ReferralStatus
from dslapp.services.alerts import concern_facts
from dslapp.services.documents import deliver_pdf
from dslapp.store import RecordStore
from dslapp.text import dmy


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
    check_progress(progress, 1, 2)
    result = deliver_pdf(
        store,
        data,
        out,
        password=password,
        object_id="governors_summary",
        what=f"learning summary {dmy(start)} to {dmy(end)}",
        pages=pages,
        entries=summary.concerns,
        started=started,
    )
    check_progress(progress, 2, 2)
    return result

"""Practice alerts as the DSL meets them: the rules of ``dslapp.guidance.alerts`` run over records read here,
with the DSL's acknowledgements, and acknowledging an alert (saved as a record, audited)."""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from dslapp.guidance.alerts import AlertItem, CaseRecords, ConcernFacts, alerts_for_cases, history_days, sort_into
from dslapp.guidance.config import GuidanceConfig, resolve
from dslapp.models import (
    AlertAcknowledgement,
    Category,
    Child,
    Concern,
    DslDecision,
    EarlyHelpPlan,
    EarlyHelpReview,
    EncompassNotice,
    Escalation,
    Referral,
    StatutoryRecord,
)
from dslapp.services.changes import Changes
from dslapp.services.results import Saved
from dslapp.store import RecordStore
from dslapp.store.records import validate
from dslapp.views.today import TodayItem


def concern_facts(
    store: RecordStore, since: date, until: date, *, child_id: uuid.UUID | str | None = None
) -> list[ConcernFacts]:
    """The concerns (of one child, when given) that happened between ``since`` and ``until``, as
    ``ConcernFacts``, in the order they happened.

    One query over the (kind, occurred_on) index; the stored body is parsed here rather than with
    ``json_extract``, which is several times slower per row.
    """
    rows = store.bodies_between(Concern.KIND, since, until, child_id=child_id)
    return [facts_of(row[0], row[1], json.loads(row[2])) for row in rows]


_CATEGORIES = {c.value: c for c in Category}


def facts_of(record_id: str, child_id: str, body: dict[str, Any]) -> ConcernFacts:
    """A concern's ``ConcernFacts`` from its stored body."""
    return ConcernFacts(
        id=uuid.UUID(record_id),
        child_id=uuid.UUID(child_id),
        observed_at=datetime.fromisoformat(body["observed_at"]),
        categories=tuple(_CATEGORIES[c] for c in body.get("categories", [])),
        dsl_decision=DslDecision(body.get("dsl_decision") or DslDecision.PENDING.value),
        child_words=str(body.get("child_words") or ""),
        what_happened=str(body.get("what_happened") or ""),
    )


def load_cases(
    store: RecordStore,
    on: date,
    child_id: uuid.UUID | str | None = None,
    config: GuidanceConfig | None = None,
) -> list[CaseRecords]:
    """The records the rules read on ``on``: for one child, or for every child (one read per kind).

    Concerns are those of the last ``history_days`` up to ``on`` (the same for one child or all, so the
    Overview and Today agree); other kinds are read whole.
    """
    since = on - timedelta(days=history_days(resolve(config)))
    kinds: tuple[type[Any], ...] = (
        Referral,
        EarlyHelpPlan,
        EarlyHelpReview,
        Escalation,
        AlertAcknowledgement,
        StatutoryRecord,
        EncompassNotice,
    )
    if child_id is not None:
        case = CaseRecords(store.get_as(Child, child_id))
        records = store.for_child(case.child.id, Concern, *kinds)
        sort_into(case, (r for r in records if not isinstance(r, Concern) or since <= r.occurred_on() <= on))
        return [case]
    cases = {str(c.id): CaseRecords(c) for c in store.all_of(Child)}
    grouped: dict[str, list[Any]] = defaultdict(list)
    for facts in concern_facts(store, since, on):
        grouped[str(facts.child_id)].append(facts)
    for kind in kinds:
        for record in store.all_of(kind):
            grouped[str(record.child_id)].append(record)
    for key, records in grouped.items():
        if key in cases:
            sort_into(cases[key], records)
    return list(cases.values())


def practice_alerts(
    store: RecordStore,
    on: date,
    *,
    child_id: uuid.UUID | str | None = None,
    config: GuidanceConfig | None = None,
) -> list[AlertItem]:
    """The practice alerts on ``on``, for the whole caseload (Today) or one child (their Overview),
    each with the latest acknowledgement of it, if any."""
    alerts = alerts_for_cases(load_cases(store, on, child_id, config), on, config)
    found = store.for_child(child_id, AlertAcknowledgement) if child_id else store.all_of(AlertAcknowledgement)
    return acknowledged(alerts, found, on)


def acknowledged(
    alerts: list[AlertItem], acknowledgements: Iterable[AlertAcknowledgement], on: date
) -> list[AlertItem]:
    """``alerts``, each with the latest acknowledgement of it made by ``on`` (acknowledgements oldest first)."""
    notes: dict[str, AlertAcknowledgement] = {}
    for ack in acknowledgements:
        if ack.acknowledged_on <= on:
            notes[ack.key] = ack  # oldest first, so the latest wins
    return [
        replace(a, acknowledged_on=notes[a.key].acknowledged_on, acknowledged_note=notes[a.key].note)
        if a.key in notes
        else a
        for a in alerts
    ]


def acknowledge_alert(store: RecordStore, alert: AlertItem, note: str, on: date) -> Saved[AlertAcknowledgement]:
    """Record that the DSL has seen ``alert`` and what they are doing about it (audited as a record).

    The alert keeps showing, marked acknowledged with the note, for as long as its rule fires.
    """
    ack = validate(
        AlertAcknowledgement,
        {"child_id": alert.child_id, "key": alert.key, "rule_id": alert.rule_id, "acknowledged_on": on, "note": note},
    )
    saved = store.add(ack)
    return Saved(saved, Changes.of(AlertAcknowledgement.KIND, child_id=alert.child_id))


def all_rules() -> list[Any]:
    """The rules Today runs under "Practice alerts" (called by ``services.today.today``)."""
    return [practice_alerts]


__all__ = [
    "AlertItem",
    "TodayItem",
    "acknowledge_alert",
    "acknowledged",
    "all_rules",
    "concern_facts",
    "facts_of",
    "load_cases",
    "practice_alerts",
]

"""A child's chronology as rows, built from records already read (pure: no database, no disk).

"A good chronology saves lives" (DOMAIN.md): succinct, factual, significant events only, each saying
what happened, the action taken and its impact on the child. Rows come from the records themselves
(significant concerns, referrals and their outcomes, Early Help plans and reviews, threshold decisions,
escalations, status changes, transfers) plus ``ChronologyEntry`` records. An entry whose
``source_record_id`` names a record of this child is the DSL's own wording for that record and replaces
the row built from it. ``dslapp.services.chronology`` reads the records and saves entries.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any, overload

from dslapp.models import (
    BodyMark,
    Category,
    Child,
    ChildLink,
    ChildStatus,
    ChronologyEntry,
    Concern,
    EarlyHelpPlan,
    EarlyHelpReview,
    EncompassNotice,
    Escalation,
    Impact,
    Record,
    Referral,
    ReferralStatus,
    Severity,
    StatusChange,
    StatutoryRecord,
    ThresholdDecision,
    Transfer,
)
from dslapp.models.early_help import LEVEL_LABELS, Judgement
from dslapp.models.referral import ESCALATION_STAGES, ParentConsent, SentVia
from dslapp.models.transfer import TransferDirection
from dslapp.text import dmy
from dslapp.views.body_map import marks_summary
from dslapp.views.family import link_event
from dslapp.views.links import Links, describe_all, has_outcome, linked_ids, links_of
from dslapp.views.statutory import statutory_ended_event, statutory_event

SOURCE_KINDS: tuple[type[Record], ...] = (
    Concern,
    ChronologyEntry,
    Referral,
    EarlyHelpPlan,
    EarlyHelpReview,
    ThresholdDecision,
    Escalation,
    StatusChange,
    Transfer,
    StatutoryRecord,
    ChildLink,
    EncompassNotice,
)
"""Record kinds a chronology is built from."""
_SOURCE_KINDS = frozenset(k.KIND for k in SOURCE_KINDS)

STATUTORY = frozenset({ChildStatus.CIN, ChildStatus.CP, ChildStatus.CLA})
SCHOOL = "School (DSL)"
SOCIAL_CARE = "Children's social care"

_DISAGREEMENT_LABELS = {
    "threshold": "threshold",
    "roles": "roles and responsibilities",
    "information_sharing": "information sharing",
    "services": "services provided",
    "plan_progress": "progress of the plan",
    "step_up_down_closure": "step up, step down or closure",
}
_SENT_VIA_LABELS = {SentVia.ONLINE_FORM: "online form", SentVia.PHONE: "phone", SentVia.EMAIL: "email"}


@dataclass(frozen=True)
class ChronologyRow:
    """One significant event, in the columns a chronology uses, linked back to its source record."""

    record_id: str
    """The record this row comes from (open it to see everything); for a manual entry, the entry itself."""
    kind: str
    """``KIND`` of that record, e.g. ``concern`` or ``chronology_entry``."""
    when: str
    """The date as shown: dd/mm/yyyy, or an approximate period such as "Spring 2019"."""
    sort_date: date
    event: str
    source: str
    categories: tuple[Category, ...]
    severity: Severity | None
    impact: str
    impact_kind: Impact
    action: str
    """Action taken and outcome."""
    recorded_by: str
    significant: bool = True
    approximate: bool = False
    entry_id: str = ""
    """The ``ChronologyEntry`` whose wording this row shows (amend it to edit the row); empty when built."""
    part: str = ""
    """Which event of the source record this row is, when one record gives several (e.g. ``outcome``)."""
    sort_time: time = time(0, 0)
    created_at: datetime | None = None
    body_marks: tuple[BodyMark, ...] = ()
    """The marks on the body map of the concern this row stands for (drawn with the row in a printed chronology)."""

    def as_json(self) -> list[Any]:
        """The row as a JSON array of its fields in order (dates, times and enums as text, categories as one text
        joined by commas, no body marks as null): :meth:`from_json` gives back an equal row."""
        return [
            self.record_id,
            self.kind,
            self.when,
            self.sort_date.isoformat(),
            self.event,
            self.source,
            ",".join(c.value for c in self.categories),
            self.severity.value if self.severity is not None else None,
            self.impact,
            self.impact_kind.value,
            self.action,
            self.recorded_by,
            self.significant,
            self.approximate,
            self.entry_id,
            self.part,
            self.sort_time.isoformat(),
            self.created_at.isoformat() if self.created_at is not None else None,
            [m.model_dump(mode="json") for m in self.body_marks] if self.body_marks else None,
        ]

    @classmethod
    def from_json(cls, data: Sequence[Any]) -> ChronologyRow:
        """The row :meth:`as_json` wrote."""
        return rows_from_json([[value] for value in data])[0]

    @property
    def key(self) -> str:
        """Unique within a chronology (a referral gives a row when sent and another for its outcome)."""
        return f"{self.record_id}:{self.part}" if self.part else self.record_id

    @property
    def category(self) -> Category | None:
        return self.categories[0] if self.categories else None

    @property
    def category_label(self) -> str:
        return ", ".join(c.label for c in self.categories)

    @property
    def severity_label(self) -> str:
        return self.severity.value.capitalize() if self.severity else ""


def rows_as_json(rows: Iterable[ChronologyRow]) -> list[list[Any]]:
    """Rows as JSON, column by column (each field of every row, as :meth:`ChronologyRow.as_json` writes it): read
    back by :func:`rows_from_json`. Columns rather than one array per row, because a heavy child's kept chronology
    holds thousands of rows and reading them back is then mostly the JSON parser's work."""
    columns: list[list[Any]] = [[] for _ in fields(ChronologyRow)]
    for row in rows:
        for column, value in zip(columns, row.as_json(), strict=True):
            column.append(value)
    return columns


def rows_from_json(columns: Sequence[Sequence[Any]]) -> list[ChronologyRow]:
    """The rows :func:`rows_as_json` wrote, built directly (no validation: the text was written by it)."""
    return list(KeptRows(columns))


_ROW_FIELDS = tuple(f.name for f in fields(ChronologyRow))
_new_row = object.__new__


def _row_from_fields(*values: Any) -> ChronologyRow:
    """``ChronologyRow(*values)``, at half the cost: a frozen dataclass's ``__init__`` sets each field through
    ``object.__setattr__``, which for the thousands of rows of a heavy chronology is most of reading them back.
    The row has no ``__post_init__`` and no slots, so filling its ``__dict__`` makes the same object."""
    row: ChronologyRow = _new_row(ChronologyRow)
    row.__dict__.update(zip(_ROW_FIELDS, values, strict=True))
    return row


_CATEGORY_OF = {c.value: c for c in Category}
_IMPACT_OF = {i.value: i for i in Impact}


@lru_cache(maxsize=512)
def _categories_in(text: str) -> tuple[Category, ...]:
    return tuple(_CATEGORY_OF[value] for value in text.split(",")) if text else ()


def _row_at(columns: Sequence[Sequence[Any]], at: int) -> ChronologyRow:
    """Row ``at`` of the columns :func:`rows_as_json` wrote, each value as the row has it (``_FROM_JSON``)."""
    return _row_from_fields(*[convert(column[at]) for convert, column in zip(_FROM_JSON, columns, strict=True)])


_COLUMN = {name: number for number, name in enumerate(_ROW_FIELDS)}


class KeptRows(Sequence[ChronologyRow]):
    """Some of a chronology's rows (in order), read from the columns :func:`rows_as_json` wrote, each row made only
    when it is first looked at: a heavy child's chronology holds thousands of rows, and a screen shows a few dozen.

    Equal to any sequence of equal rows in the same order. Selecting (:meth:`select`) and the values of one field
    (:meth:`keys`, :meth:`values`) read the columns without making rows; rows made for one selection are kept for
    every other selection from the same columns."""

    __slots__ = ("_columns", "_made", "_positions")

    def __init__(self, columns: Sequence[Sequence[Any]], positions: Sequence[int] | None = None) -> None:
        if len(columns) != len(_ROW_FIELDS):
            raise ValueError(f"expected {len(_ROW_FIELDS)} columns, got {len(columns)}")
        count = len(columns[0])
        self._columns = columns
        self._positions: Sequence[int] = range(count) if positions is None else positions
        self._made: list[ChronologyRow | None] = [None] * count

    def _at(self, position: int) -> ChronologyRow:
        row = self._made[position]
        if row is None:
            row = self._made[position] = _row_at(self._columns, position)
        return row

    def _with(self, positions: Sequence[int]) -> KeptRows:
        other = KeptRows.__new__(KeptRows)
        other._columns, other._made, other._positions = self._columns, self._made, positions
        return other

    def __len__(self) -> int:
        return len(self._positions)

    @overload
    def __getitem__(self, index: int) -> ChronologyRow: ...
    @overload
    def __getitem__(self, index: slice) -> KeptRows: ...
    def __getitem__(self, index: int | slice) -> ChronologyRow | KeptRows:
        if isinstance(index, slice):
            return self._with(self._positions[index])
        return self._at(self._positions[index])

    def __iter__(self) -> Iterator[ChronologyRow]:
        return map(self._at, self._positions)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"KeptRows({len(self)} rows)"

    @property
    def made(self) -> int:
        """How many rows of the columns have been made so far (by this selection or another from the same columns)."""
        return sum(row is not None for row in self._made)

    def keys(self) -> list[str]:
        """Each row's :attr:`ChronologyRow.key`, in order."""
        ids, parts = self._columns[_COLUMN["record_id"]], self._columns[_COLUMN["part"]]
        return [f"{ids[p]}:{parts[p]}" if parts[p] else ids[p] for p in self._positions]

    def values(self, name: str) -> list[Any]:
        """Each row's field ``name`` (as the row has it), in order."""
        column = self._columns[_COLUMN[name]]
        values = map(column.__getitem__, self._positions)
        convert = _CONVERT.get(name)
        return list(values if convert is None else map(convert, values))

    def select(
        self,
        *,
        since: date | None = None,
        until: date | None = None,
        categories: Collection[Category] | None = None,
        source: str | None = None,
        significant_only: bool = True,
    ) -> KeptRows:
        """The rows :func:`filter_rows` keeps with the same filters, chosen from the columns."""
        columns = self._columns
        dates, kinds = columns[_COLUMN["sort_date"]], columns[_COLUMN["categories"]]
        sources, significant = columns[_COLUMN["source"]], columns[_COLUMN["significant"]]
        low = since.isoformat() if since else None  # ISO dates (four-digit years) sort as the dates do
        high = until.isoformat() if until else None
        wanted = frozenset(c.value for c in categories) if categories is not None else None
        needle = source.casefold().strip() if source else ""
        chosen = []
        for p in self._positions:
            if significant_only and not significant[p]:
                continue
            if low is not None and dates[p] < low:
                continue
            if high is not None and dates[p] > high:
                continue
            if wanted is not None and (not kinds[p] or wanted.isdisjoint(kinds[p].split(","))):
                continue
            if needle and needle not in sources[p].casefold():
                continue
            chosen.append(p)
        return self._with(chosen)


_SEVERITY_OR_NONE: dict[str | None, Severity | None] = {None: None, **{s.value: s for s in Severity}}
_CONVERT: dict[str, Callable[[Any], Any]] = {
    "sort_date": date.fromisoformat,
    "categories": _categories_in,
    "severity": _SEVERITY_OR_NONE.__getitem__,
    "impact_kind": _IMPACT_OF.__getitem__,
    "sort_time": time.fromisoformat,
    "created_at": lambda value: datetime.fromisoformat(value) if value is not None else None,
    "body_marks": lambda marks: tuple(BodyMark.model_validate(m) for m in marks) if marks else (),
}
"""How a column's JSON value becomes the row's value, for the fields whose JSON is not the value itself."""
_FROM_JSON: tuple[Callable[[Any], Any], ...] = tuple(_CONVERT.get(name, lambda value: value) for name in _ROW_FIELDS)
"""Each field's conversion from its column's JSON value, in field order: the one place rows are read back."""


def row_keys(rows: Sequence[ChronologyRow]) -> list[str]:
    """Each row's key, in order (read from the columns when ``rows`` are :class:`KeptRows`, making no rows)."""
    return rows.keys() if isinstance(rows, KeptRows) else [row.key for row in rows]


def row_values(rows: Sequence[ChronologyRow], name: str) -> list[Any]:
    """Each row's field ``name``, in order (read from the columns when ``rows`` are :class:`KeptRows`)."""
    return rows.values(name) if isinstance(rows, KeptRows) else [getattr(row, name) for row in rows]


@dataclass(frozen=True)
class Chronology:
    """A child's chronology: rows oldest first, and the filters it was built with."""

    child: Child
    rows: Sequence[ChronologyRow]
    """Oldest first: a tuple, or :class:`KeptRows` (rows made as they are looked at) from a kept chronology."""
    since: date | None = None
    until: date | None = None
    categories: frozenset[Category] | None = None
    source: str | None = None
    significant_only: bool = True

    @property
    def first(self) -> date | None:
        return self.rows[0].sort_date if self.rows else None

    @property
    def last(self) -> date | None:
        return self.rows[-1].sort_date if self.rows else None

    @property
    def range_label(self) -> str:
        """The period covered, as a header shows it: the requested range, else the span of the entries.

        An end taken from an entry is shown as that entry shows its date, so an approximate period stays
        approximate ("Spring 2022 to 02/02/2026", never "01/01/2022 to ...")."""
        start = dmy(self.since) if self.since else (self.rows[0].when if self.rows else "")
        end = dmy(self.until) if self.until else (self.rows[-1].when if self.rows else "")
        if start and end:
            return f"{start} to {end}"
        if start:
            return f"from {start}"
        if end:
            return f"up to {end}"
        return "no entries"

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[ChronologyRow]:
        return iter(self.rows)


# ---- building rows from records ------------------------------------------------------------------


def _join(*parts: str, sep: str = " ") -> str:
    return sep.join(p.strip() for p in parts if p and p.strip())


def _sentence(text: str) -> str:
    text = text.strip()
    if text and text[-1] not in ".!?:;\"”')":
        text += "."
    return text


def consent_wording(referral: Referral) -> str:
    """What the parents were told and said about an enquiry, exactly as recorded (each case its own words: a
    refusal never reads as "not told")."""
    consent = referral.consent
    if consent == ParentConsent.TOLD_AGREED:
        text = "Parents told and agreed to the enquiry."
    elif consent == ParentConsent.TOLD_REFUSED:
        text = "Parents told and refused consent; the enquiry went ahead"
        reason = referral.without_consent_reason.strip()
        text = _sentence(f"{text} because: {reason}") if reason else f"{text} (reason not recorded)."
    elif consent == ParentConsent.TOLD_NOT_ASKED:
        reason = referral.without_consent_reason.strip()
        text = "Parents told; consent not sought"
        text = _sentence(f"{text} because: {reason}") if reason else f"{text} (reason not recorded)."
    elif consent == ParentConsent.NOT_TOLD:
        reason = referral.not_told_reason.strip()
        text = _sentence(f"Parents not told because: {reason}") if reason else "Parents not told (reason not recorded)."
    else:
        text = "Parents' knowledge and consent: not recorded."
    if referral.consent_notes.strip():
        text += " " + _sentence(f"Consent note: {referral.consent_notes.strip()}")
    return text


def _base(rec: Record, **fields: Any) -> ChronologyRow:
    fields.setdefault("recorded_by", rec.created_by)
    fields.setdefault("categories", ())
    fields.setdefault("severity", None)
    fields.setdefault("impact", "")
    fields.setdefault("impact_kind", Impact.UNKNOWN)
    fields.setdefault("action", "")
    return ChronologyRow(record_id=str(rec.id), kind=rec.KIND, created_at=rec.created_at, **fields)


def _concern_rows(concern: Concern) -> Iterator[ChronologyRow]:
    event = concern.what_happened
    if concern.child_words:
        event = _join(_sentence(event), f"Child said: “{concern.child_words.strip()}”")
    if concern.body_marks:
        event = _join(_sentence(event), _sentence(marks_summary(concern.body_marks)))
    action_parts = []
    if concern.immediate_action:
        action_parts.append(_sentence(concern.immediate_action))
    if concern.dsl_decision.value != "pending":
        decision = f"DSL decision: {concern.dsl_decision.label}"
        if concern.decision_reasons:
            decision += f" ({concern.decision_reasons.strip()})"
        action_parts.append(_sentence(decision))
    if concern.outcome:
        action_parts.append(_sentence(f"Outcome: {concern.outcome.strip()}"))
    reporter = _join(concern.reporter_name, concern.reporter_role, sep=", ")
    yield _base(
        concern,
        when=dmy(concern.observed_at),
        sort_date=concern.observed_at.date(),
        sort_time=concern.observed_at.time(),
        event=event,
        source=reporter,
        categories=tuple(concern.categories),
        severity=concern.severity,
        impact=concern.impact_on_child,
        action=_join(*action_parts),
        significant=concern.significant,
        body_marks=tuple(concern.body_marks),
    )


def _referral_rows(referral: Referral) -> Iterator[ChronologyRow]:
    if referral.status == ReferralStatus.DRAFT or referral.sent_on is None:
        return  # a draft is not yet an event
    how = f" by {_SENT_VIA_LABELS[referral.sent_via]}" if referral.sent_via else ""
    ref = f" (reference {referral.reference})" if referral.reference else ""
    event = f"{referral.request_type} sent to the MASH{how}{ref}."
    consent = consent_wording(referral)
    action = []
    if referral.acknowledged_on:
        action.append(f"Acknowledged {dmy(referral.acknowledged_on)}.")
    if referral.outcome and referral.outcome_on:
        action.append(f"Outcome {dmy(referral.outcome_on)}: {referral.outcome.label}.")
    else:
        action.append("Outcome awaited.")
    yield _base(
        referral,
        when=dmy(referral.sent_on),
        sort_date=referral.sent_on,
        event=_join(event, consent),
        source=SCHOOL,
        action=_join(*action),
        significant=referral.significant,
    )
    if referral.outcome and referral.outcome_on:
        yield _base(
            referral,
            part="outcome",
            when=dmy(referral.outcome_on),
            sort_date=referral.outcome_on,
            event=f"Outcome of {referral.request_type} sent {dmy(referral.sent_on)}: {referral.outcome.label}.",
            source="MASH / children's social care",
            action=referral.outcome_notes,
            significant=referral.significant,
        )


def _plan_rows(plan: EarlyHelpPlan) -> Iterator[ChronologyRow]:
    event = "Early Help plan started."
    if plan.worries:
        event += f" Worries: {_sentence(plan.worries)}"
    if plan.child_view:
        event += f" Child's view: “{plan.child_view.strip()}”"
    action = []
    if plan.goals:
        action.append(f"{len(plan.goals)} SMART goal{'s' if len(plan.goals) != 1 else ''} agreed.")
    if plan.taf_members:
        action.append(f"Team Around the Family: {', '.join(plan.taf_members)}.")
    if plan.next_review:
        action.append(f"First review due {dmy(plan.next_review)}.")
    yield _base(
        plan,
        when=dmy(plan.started_on),
        sort_date=plan.started_on,
        event=event,
        source=_join("Early Help", plan.lead_practitioner, sep=": "),
        action=_join(*action),
    )
    if plan.closed_on:
        yield _base(
            plan,
            part="closed",
            when=dmy(plan.closed_on),
            sort_date=plan.closed_on,
            event="Early Help plan closed.",
            source=_join("Early Help", plan.lead_practitioner, sep=": "),
            impact=plan.closing_summary,
        )


_REVIEW_IMPACT = {Judgement.IMPROVED: Impact.POSITIVE, Judgement.WORSE: Impact.NEGATIVE}


def _review_rows(review: EarlyHelpReview) -> Iterator[ChronologyRow]:
    event = f"Early Help (TAF) review: overall {review.overall.label.lower()}."
    if review.child_voice:
        event += f" Child's view: “{review.child_voice.strip()}”"
    impact = review.life_improved
    if review.impact_on_child.strip():
        impact = review.impact_on_child
        event += f" How life has improved for the child: {_sentence(review.life_improved)}"
    action = f"Decision: {review.decision.label}."
    if review.decision_reasons:
        action += f" {_sentence(review.decision_reasons)}"
    if review.next_review:
        action += f" Next review {dmy(review.next_review)}."
    yield _base(
        review,
        when=dmy(review.held_on),
        sort_date=review.held_on,
        event=event,
        source=_join("TAF review", ", ".join(review.attendees), sep=": "),
        impact=impact,
        impact_kind=_REVIEW_IMPACT.get(review.overall, Impact.UNKNOWN),
        action=action,
        significant=review.significant,
    )


def _threshold_rows(decision: ThresholdDecision) -> Iterator[ChronologyRow]:
    action = _sentence(f"Reasoning: {decision.reasoning.strip()}")
    if decision.consulted:
        action += f" Consulted: {decision.consulted}."
    yield _base(
        decision,
        when=dmy(decision.decided_on),
        sort_date=decision.decided_on,
        event=f"Levels of Need decision: {LEVEL_LABELS[decision.level]}.",
        source=SCHOOL,
        action=action,
        recorded_by=decision.decided_by,
        significant=decision.significant,
    )


def _escalation_rows(escalation: Escalation) -> Iterator[ChronologyRow]:
    about = _DISAGREEMENT_LABELS.get(escalation.disagreement.value, escalation.disagreement.value)
    event = f"Escalation about {about} ({ESCALATION_STAGES[escalation.stage]}): {escalation.summary.strip()}"
    action = []
    if escalation.respond_by:
        action.append(f"Response asked for by {dmy(escalation.respond_by)}.")
    if escalation.outcome:
        action.append(_sentence(f"Outcome: {escalation.outcome.strip()}"))
    if escalation.resolved_on:
        action.append(f"Resolved {dmy(escalation.resolved_on)}.")
    yield _base(
        escalation,
        when=dmy(escalation.raised_on),
        sort_date=escalation.raised_on,
        event=event,
        source=escalation.with_whom,
        action=_join(*action),
        significant=escalation.significant,
    )


def _status_rows(change: StatusChange) -> Iterator[ChronologyRow]:
    event = f"Status changed from {change.from_status.label} to {change.to_status.label}."
    if change.reason:
        event += f" {_sentence(change.reason)}"
    statutory = change.to_status in STATUTORY or change.from_status in STATUTORY
    yield _base(
        change,
        when=dmy(change.changed_on),
        sort_date=change.changed_on,
        event=event,
        source=SOCIAL_CARE if statutory else SCHOOL,
        significant=change.significant,
    )


def _transfer_rows(transfer: Transfer) -> Iterator[ChronologyRow]:
    if transfer.direction == TransferDirection.OUTGOING:
        if transfer.sent_on is None:
            return
        event = f"CP file sent to {transfer.other_school}" + (
            f" (DSL {transfer.other_dsl})" if transfer.other_dsl else ""
        )
        action = f"Sent by {transfer.method}." if transfer.method else ""
        if transfer.received_on:
            by = f" by {transfer.receipt_by}" if transfer.receipt_by else ""
            action = _join(action, f"Receipt confirmed {dmy(transfer.received_on)}{by}.")
        else:
            action = _join(action, "Receipt not yet confirmed.")
        day = transfer.sent_on
    else:
        if transfer.received_on is None and transfer.sent_on is None:
            return
        event = f"CP file received from {transfer.other_school}"
        received = transfer.received_on or transfer.sent_on
        assert received is not None
        day = received
        action = f"Received by {transfer.receipt_by}." if transfer.receipt_by else ""
    if transfer.notes:
        action = _join(action, _sentence(transfer.notes))
    yield _base(
        transfer,
        when=dmy(day),
        sort_date=day,
        event=event + ".",
        source=transfer.other_school,
        action=action,
        significant=transfer.significant,
    )


def _statutory_rows(record: StatutoryRecord) -> Iterator[ChronologyRow]:
    yield _base(
        record,
        when=dmy(record.started_on),
        sort_date=record.started_on,
        event=statutory_event(record),
        source=record.local_authority or SOCIAL_CARE,
    )
    if record.ended_on is not None:
        yield _base(
            record,
            when=dmy(record.ended_on),
            sort_date=record.ended_on,
            event=statutory_ended_event(record),
            source=record.local_authority or SOCIAL_CARE,
            part="ended",
        )


def _child_link_rows(link: ChildLink) -> Iterator[ChronologyRow]:
    yield _base(
        link,
        when=dmy(link.linked_on),
        sort_date=link.linked_on,
        event=link_event(link),
        source=SCHOOL,
        significant=link.significant,
    )


def _encompass_rows(notice: EncompassNotice) -> Iterator[ChronologyRow]:
    event = _join(
        f"Operation Encompass notification: police attended a domestic abuse incident on {dmy(notice.incident_at)} "
        f"at {notice.incident_at:%H:%M}.",
        _sentence(notice.notification),
    )
    action = _join(
        _sentence(f"Told in school: {notice.told_in_school.strip()}") if notice.told_in_school.strip() else "",
        _sentence(f"Support given: {notice.support_given.strip()}") if notice.support_given.strip() else "",
    )
    reference = f" (ref. {notice.police_reference})" if notice.police_reference else ""
    yield _base(
        notice,
        when=dmy(notice.incident_at),
        sort_date=notice.incident_at.date(),
        sort_time=notice.incident_at.time(),
        event=event,
        source=f"Police{reference}",
        categories=(Category.DOMESTIC_ABUSE,),
        action=action,
        significant=notice.significant,
    )


def entry_row(entry: ChronologyEntry, source: Record | None = None) -> ChronologyRow:
    """The row for a chronology entry; with ``source``, it stands for (and links to) that record."""
    link: Record = source if source is not None else entry
    marks = tuple(source.body_marks) if isinstance(source, Concern) else ()
    event = _join(_sentence(entry.event), _sentence(marks_summary(marks))) if marks else entry.event
    return ChronologyRow(
        record_id=str(link.id),
        kind=link.KIND,
        when=entry.when_label(),
        sort_date=entry.sort_date(),
        event=event,
        source=entry.source,
        categories=(entry.category,) if entry.category else _categories_of(source),
        severity=source.severity if isinstance(source, Concern) else None,
        impact=entry.impact,
        impact_kind=entry.impact_kind,
        action=entry.action_taken,
        recorded_by=entry.recorded_by or entry.created_by,
        significant=entry.significant,
        approximate=entry.on is None,
        entry_id=str(entry.id),
        sort_time=source.observed_at.time() if isinstance(source, Concern) and entry.on else time(0, 0),
        created_at=entry.created_at,
        body_marks=marks,
    )


def _categories_of(source: Record | None) -> tuple[Category, ...]:
    return tuple(source.categories) if isinstance(source, Concern) else ()


_BUILDERS: dict[str, Callable[[Any], Iterable[ChronologyRow]]] = {
    Concern.KIND: _concern_rows,
    Referral.KIND: _referral_rows,
    EarlyHelpPlan.KIND: _plan_rows,
    EarlyHelpReview.KIND: _review_rows,
    ThresholdDecision.KIND: _threshold_rows,
    Escalation.KIND: _escalation_rows,
    StatusChange.KIND: _status_rows,
    Transfer.KIND: _transfer_rows,
    StatutoryRecord.KIND: _statutory_rows,
    ChildLink.KIND: _child_link_rows,
    EncompassNotice.KIND: _encompass_rows,
}


def with_mark(row: ChronologyRow, mark: str) -> ChronologyRow:
    """``row`` with a review's mark (e.g. "Answer describes services, not the child's daily life") after the
    impact on the child, where the reader of that column will see it. A positive impact becomes unknown: an
    answer about services does not show the child's life improving."""
    note = f"({mark.rstrip('.')}.)"
    kind = Impact.UNKNOWN if row.impact_kind == Impact.POSITIVE else row.impact_kind
    return replace(row, impact=_join(row.impact.strip(), note), impact_kind=kind)


def rows_from_records(records: Iterable[Record], review_marks: Mapping[str, str] | None = None) -> list[ChronologyRow]:
    """Every chronology row the records give (significant or not), in chronology order (``order_rows``),
    each naming the records it followed and led to.

    ``review_marks`` (review id → mark, from the guidance: ``dslapp.guidance.early_help.review_marks``) is
    shown on the rows of those Early Help reviews."""
    return ordered_rows(records, review_marks).rows


Placing = tuple[time, int]
"""Where a row goes within its day, from what it follows: the time it takes and how many rows it follows that day."""


@dataclass(frozen=True)
class OrderedRows:
    """A chronology's rows in order, with what is needed to put a new row among them without the records: the
    placing of each row whose place within its day comes from the rows it follows (the others are placed by
    their own fields alone, see :func:`own_placing`), and every record id that some record names (a link, or a
    chronology entry's source), so a new record that names nothing and is named by nothing can be told apart."""

    rows: list[ChronologyRow]
    placed: dict[str, Placing] = field(default_factory=dict)
    named: frozenset[str] = frozenset()

    def order_key(self, row: ChronologyRow) -> OrderKey:
        return _key_of(row, self.placed.get(row.key) or own_placing(row))


def named_ids(records: Iterable[Record]) -> frozenset[str]:
    """Every record id that one of ``records`` names: the records it follows (links, whether or not the record
    named is present) and the record a chronology entry rewords."""
    found: set[str] = set()
    for record in records:
        found.update(target for _, target in linked_ids(record))
        if isinstance(record, ChronologyEntry) and record.source_record_id:
            found.add(str(record.source_record_id))
    return frozenset(found)


def stands_alone(record: Record, named: Collection[str]) -> bool:
    """True when adding ``record`` to a child's records (with ``named``: :func:`named_ids` of every record of the
    child, this one included) leaves every other row of the chronology as it was, and its own rows' order depends
    on them alone: a kind that gives no row, or a concern that names no record and that no record names (no link,
    no chronology entry rewording it). Such records are merged into a kept chronology by :func:`merge_rows`."""
    if record.KIND not in _SOURCE_KINDS:
        return True
    return isinstance(record, Concern) and not linked_ids(record) and str(record.id) not in named


def merge_rows(ordered: OrderedRows, records: Iterable[Record]) -> OrderedRows:
    """``ordered`` with the rows of ``records`` put in their places, as :func:`ordered_rows` of every record would
    place them; each record must :func:`stands_alone` (records of kinds that give no row are skipped)."""
    rows = list(ordered.rows)
    named = set(ordered.named)
    for record in records:
        named.update(named_ids([record]))
        builder = _BUILDERS.get(record.KIND) if record.KIND in _SOURCE_KINDS else None
        if builder is None:
            continue
        for row in builder(record):
            position = bisect.bisect_right(rows, _key_of(row, own_placing(row)), key=ordered.order_key)
            rows.insert(position, row)
    return OrderedRows(rows, dict(ordered.placed), frozenset(named))


def ordered_rows(records: Iterable[Record], review_marks: Mapping[str, str] | None = None) -> OrderedRows:
    """:func:`rows_from_records`, with what :func:`merge_rows` needs to add a record that stands alone later."""
    marks = review_marks or {}
    records = list(records)
    by_id = {str(r.id): r for r in records}
    curated: dict[str, ChronologyEntry] = {}
    rows: list[ChronologyRow] = []
    for rec in records:
        if isinstance(rec, ChronologyEntry):
            source = by_id.get(rec.source_record_id) if rec.source_record_id else None
            if source is not None and not isinstance(source, ChronologyEntry):
                # The newest wording wins if two entries were made for one record (the id breaks a tie, so
                # the result never depends on the order the records were read in).
                current = curated.get(rec.source_record_id)
                if current is None or (current.created_at, str(current.id)) <= (rec.created_at, str(rec.id)):
                    curated[rec.source_record_id] = rec
            else:
                rows.append(entry_row(rec))
    for rec in records:
        builder = _BUILDERS.get(rec.KIND)
        if builder is None:
            continue
        entry = curated.get(str(rec.id))
        mark = marks.get(str(rec.id), "")
        for row in builder(rec):
            if entry is not None and not row.part:
                row = entry_row(entry, rec)
            rows.append(with_mark(row, mark) if mark and not row.part else row)
    links = links_of(by_id)
    causes = _causes(rows, by_id, links)
    placings = _placings(rows, causes)
    keys = {row.key: _key_of(row, placings[row.key]) for row in rows}
    rows = _with_link_wording(rows, by_id, links, keys)
    rows.sort(key=lambda row: keys[row.key])
    placed = {row.key: placings[row.key] for row in rows if placings[row.key] != own_placing(row)}
    return OrderedRows(rows, placed, named_ids(records))


# ---- what led to what, and the order of a day ----------------------------------------------------

_RANK = {
    (Concern.KIND, ""): 0,
    (ChronologyEntry.KIND, ""): 1,
    (StatusChange.KIND, ""): 2,
    (ThresholdDecision.KIND, ""): 3,
    (Referral.KIND, ""): 4,
    (Referral.KIND, "outcome"): 5,
    (EarlyHelpPlan.KIND, ""): 6,
    (EarlyHelpReview.KIND, ""): 7,
    (EarlyHelpPlan.KIND, "closed"): 8,
    (Escalation.KIND, ""): 9,
    (Transfer.KIND, ""): 10,
}
"""On one day, rows with no time and nothing linking them follow the usual course of a case: concern,
decision, referral, its outcome, the plan that followed."""

OrderKey = tuple[date, int, time, int, int, datetime, str]


def _target_key(record: Record) -> str:
    """The row a link to ``record`` points at: a referral's outcome when it has one (a concern or plan that
    follows a referral follows what came of it), else the record's own row."""
    return f"{record.id}:outcome" if has_outcome(record) else str(record.id)


def _causes(rows: Sequence[ChronologyRow], by_id: dict[str, Record], links: Links) -> dict[str, list[str]]:
    """For each row key, the keys of the rows it follows: the records it names, and for a second event of
    one record (an outcome, a closure) that record's first row."""
    present = {row.key for row in rows}
    out: dict[str, list[str]] = {}
    for row in rows:
        found: list[str] = []
        if row.part and row.record_id in present:
            found.append(row.record_id)
        elif not row.part and links.involves(row.record_id):
            for link in links.following(row.record_id):
                target = _target_key(by_id[link.to_id])
                if target in present:
                    found.append(target)
        out[row.key] = sorted(set(found))
    return out


def _timed(row: ChronologyRow) -> bool:
    return row.kind == Concern.KIND and not row.approximate


def own_placing(row: ChronologyRow) -> Placing:
    """The placing of a row that follows nothing on its day: its own time if it has one (a concern), else none."""
    return (row.sort_time if _timed(row) else time(0, 0), 0)


def _key_of(row: ChronologyRow, placing: Placing) -> OrderKey:
    at, depth = placing
    created = row.created_at or datetime.min
    if created.tzinfo is not None:
        created = created.replace(tzinfo=None)
    rank = _RANK.get((row.kind, row.part), len(_RANK))
    return (row.sort_date, 0 if row.approximate else 1, at, depth, rank, created, row.key)


def _placings(rows: Sequence[ChronologyRow], causes: dict[str, list[str]]) -> dict[str, Placing]:
    """Where each row goes within its day (the basis of a total order that never depends on the order records
    were read in).

    By date (an approximate period before exact dates on its sort date); on one day, by the time things
    happened; a row with no time of its own (a referral, an outcome, a plan) takes the time of the latest
    row it follows that day and comes after it; remaining ties by the usual course of a case, when it was
    recorded, and its key (:func:`_key_of`).
    """
    by_key = {row.key: row for row in rows}
    memo: dict[str, Placing] = {}

    def place(key: str, visiting: frozenset[str]) -> Placing:
        if key in memo:
            return memo[key]
        row = by_key[key]
        same_day = [
            c
            for c in causes.get(key, ())
            if c not in visiting and by_key[c].sort_date == row.sort_date and not by_key[c].approximate
        ]
        placed = [place(c, visiting | {key}) for c in same_day]
        at = row.sort_time if _timed(row) else max((p[0] for p in placed), default=time(0, 0))
        depth = 1 + max((p[1] for p in placed), default=-1)
        memo[key] = (at, depth)
        return at, depth

    return {row.key: place(row.key, frozenset()) for row in rows}


def _with_link_wording(
    rows: Sequence[ChronologyRow], by_id: dict[str, Record], links: Links, keys: dict[str, OrderKey]
) -> list[ChronologyRow]:
    """Each row with "Following: …" (the records it names) added to its event and "Led to: …" (the later
    records naming it) added to its action, oldest first."""
    if not len(links):
        return list(rows)

    def when(record_id: str) -> tuple[Any, ...]:
        return keys.get(_target_key(by_id[record_id])) or keys.get(record_id) or (date.max, record_id)

    out = []
    for row in rows:
        if not links.involves(row.record_id):
            out.append(row)
            continue
        following = ""
        led_to = ""
        if not row.part:
            targets = sorted({link.to_id for link in links.following(row.record_id)}, key=when)
            following = describe_all((by_id[t] for t in targets), outcome=True)
        if row.record_id in by_id and row.key == _target_key(by_id[row.record_id]):
            later = sorted({link.from_id for link in links.led_to(row.record_id)}, key=when)
            led_to = describe_all(by_id[t] for t in later)
        event, action = row.event, row.action
        if following:
            text = f"Following: {following}."
            if text not in event:
                event = _join(event, text)
        if led_to:
            text = f"Led to: {led_to}."
            if text not in action:
                action = _join(action, text)
        out.append(replace(row, event=event, action=action) if (event, action) != (row.event, row.action) else row)
    return out


def sort_key(row: ChronologyRow) -> tuple[date, int, time, datetime, str]:
    """Date order for rows without their records (use ``rows_from_records`` for the full order of a day):
    on the same day an approximate period ("2019") comes before exact dates, then time, recording, key."""
    created = row.created_at or datetime.min
    if created.tzinfo is not None:
        created = created.replace(tzinfo=None)
    return (row.sort_date, 0 if row.approximate else 1, row.sort_time, created, row.key)


def filter_rows(
    rows: Iterable[ChronologyRow],
    *,
    since: date | None = None,
    until: date | None = None,
    categories: Iterable[Category] | None = None,
    source: str | None = None,
    significant_only: bool = True,
) -> list[ChronologyRow]:
    """Rows within ``since``..``until`` (inclusive, by sort date), of any of ``categories``, whose source
    contains ``source`` (any case), and significant unless ``significant_only`` is False."""
    wanted = frozenset(categories) if categories is not None else None
    needle = source.casefold().strip() if source else ""
    out = []
    for row in rows:
        if significant_only and not row.significant:
            continue
        if since and row.sort_date < since:
            continue
        if until and row.sort_date > until:
            continue
        if wanted is not None and not wanted.intersection(row.categories):
            continue
        if needle and needle not in row.source.casefold():
            continue
        out.append(row)
    return out


def chronology_of(
    child: Child,
    records: Iterable[Record],
    *,
    since: date | None = None,
    until: date | None = None,
    categories: Iterable[Category] | None = None,
    source: str | None = None,
    significant_only: bool = True,
    review_marks: Mapping[str, str] | None = None,
) -> Chronology:
    """The chronology of ``child`` from their ``records`` (any kinds; those in SOURCE_KINDS are used), oldest
    first, filtered as asked; ``review_marks`` as for :func:`rows_from_records`."""
    kinds = {k.KIND for k in SOURCE_KINDS}
    rows = rows_from_records((r for r in records if r.KIND in kinds), review_marks)
    return filtered(
        child, rows, since=since, until=until, categories=categories, source=source, significant_only=significant_only
    )


def filtered(
    child: Child,
    rows: Iterable[ChronologyRow],
    *,
    since: date | None = None,
    until: date | None = None,
    categories: Iterable[Category] | None = None,
    source: str | None = None,
    significant_only: bool = True,
) -> Chronology:
    """The chronology of ``child`` from every one of their ``rows`` (in chronology order), filtered as asked."""
    wanted = frozenset(categories) if categories is not None else None
    chosen: Sequence[ChronologyRow]
    if isinstance(rows, KeptRows):
        chosen = rows.select(
            since=since, until=until, categories=wanted, source=source, significant_only=significant_only
        )
    else:
        chosen = tuple(
            filter_rows(
                rows, since=since, until=until, categories=wanted, source=source, significant_only=significant_only
            )
        )
    return Chronology(
        child=child,
        rows=chosen,
        since=since,
        until=until,
        categories=wanted,
        source=source or None,
        significant_only=significant_only,
    )


# ---- the summary: counts by category per quarter -------------------------------------------------

_QUARTER_MONTHS = ("Jan–Mar", "Apr–Jun", "Jul–Sep", "Oct–Dec")


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int
    """1 to 4 (calendar quarters)."""

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def start(self) -> date:
        return date(self.year, 3 * (self.number - 1) + 1, 1)

    @property
    def label(self) -> str:
        return f"{_QUARTER_MONTHS[self.number - 1]} {self.year}"

    def next(self) -> Quarter:
        return Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)


@dataclass(frozen=True)
class CategoryCounts:
    category: Category
    counts: tuple[int, ...]
    """Rows of this category in each quarter of ``ChronologySummary.quarters``."""

    @property
    def label(self) -> str:
        return self.category.label

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def cumulative(self) -> tuple[int, ...]:
        out, running = [], 0
        for count in self.counts:
            running += count
            out.append(running)
        return tuple(out)

    @property
    def rising(self) -> bool:
        """More in the latest two quarters than in any two quarters before them: a pattern building up."""
        if len(self.counts) < 3:
            return False
        recent = sum(self.counts[-2:])
        earlier = max(self.counts[i] + self.counts[i + 1] for i in range(len(self.counts) - 2))
        return recent >= 2 and recent > earlier


@dataclass(frozen=True)
class ChronologySummary:
    """Counts of categorised rows by category per quarter, every quarter from the first to the last."""

    quarters: tuple[Quarter, ...]
    categories: tuple[CategoryCounts, ...]
    uncategorised: int = 0
    """Rows with no category (referrals, plans, decisions, status changes, transfers)."""

    def count(self, category: Category, quarter: Quarter) -> int:
        for counts in self.categories:
            if counts.category == category and quarter in self.quarters:
                return counts.counts[self.quarters.index(quarter)]
        return 0

    def as_json(self) -> dict[str, Any]:
        return {
            "quarters": [q.label for q in self.quarters],
            "categories": {c.category.value: list(c.counts) for c in self.categories},
            "uncategorised": self.uncategorised,
        }


def chronology_summary(chronology: Chronology | Sequence[ChronologyRow]) -> ChronologySummary:
    """Counts by category per quarter, so cumulative patterns (say, neglect building up) stand out.

    A row with several categories counts once in each. Categories are listed most frequent first.
    """
    rows = chronology.rows if isinstance(chronology, Chronology) else chronology
    # (day, categories) of each row with any: read from the columns of kept rows, making no rows
    tagged = [
        (day, categories)
        for day, categories in zip(row_values(rows, "sort_date"), row_values(rows, "categories"), strict=True)
        if categories
    ]
    if not tagged:
        return ChronologySummary((), (), uncategorised=len(rows))
    first = min(Quarter.of(day) for day, _ in tagged)
    last = max(Quarter.of(day) for day, _ in tagged)
    quarters = [first]
    while quarters[-1] < last:
        quarters.append(quarters[-1].next())
    index = {q: i for i, q in enumerate(quarters)}
    table: dict[Category, list[int]] = {}
    for day, categories in tagged:
        position = index[Quarter.of(day)]
        for category in dict.fromkeys(categories):
            table.setdefault(category, [0] * len(quarters))[position] += 1
    order = list(Category)
    counts = sorted(
        (CategoryCounts(cat, tuple(values)) for cat, values in table.items()),
        key=lambda c: (-c.total, order.index(c.category)),
    )
    return ChronologySummary(tuple(quarters), tuple(counts), uncategorised=len(rows) - len(tagged))


__all__ = [
    "Chronology",
    "ChronologyRow",
    "ChronologySummary",
    "KeptRows",
    "OrderedRows",
    "Placing",
    "Quarter",
    "chronology_of",
    "chronology_summary",
    "consent_wording",
    "entry_row",
    "filter_rows",
    "merge_rows",
    "named_ids",
    "ordered_rows",
    "own_placing",
    "row_keys",
    "row_values",
    "rows_as_json",
    "rows_from_json",
    "rows_from_records",
    "sort_key",
    "stands_alone",
    "with_mark",
]

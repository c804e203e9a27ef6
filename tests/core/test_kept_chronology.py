"""A child's chronology kept in the vault (issue 16, migration 0009).

Whatever was kept, and however records arrived since (typed through the services, imported, taken in from a team
member, amended), reading the kept chronology gives exactly what building it from every record gives: the rows in
order and their wording hints. All names are fictional."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import uuid
from dataclasses import fields
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from support import VaultTemplates

from dslapp.errors import CasebookError, RecordNotFound
from dslapp.guidance.chronology_quality import (
    Hint,
    get_config,
    hints_as_json,
    hints_for_rows,
    hints_from_json,
    parse_config_text,
)
from dslapp.models import (
    Action,
    BodyMark,
    Category,
    Child,
    ChronologyEntry,
    Concern,
    DslDecision,
    EarlyHelpPlan,
    EarlyHelpReview,
    Impact,
    Judgement,
    Referral,
    ReferralOutcome,
    ReferralStatus,
    ReviewDecision,
    Severity,
)
from dslapp.models.concern import MAX_BODY_MARKS, BodyView, MarkType
from dslapp.models.referral import ParentConsent
from dslapp.services import recording
from dslapp.services.children import add_child
from dslapp.services.chronology import (
    Chronology,
    ChronologyRow,
    KeptChronology,
    KeptRows,
    build_chronology,
    chronology_summary,
    curate_row,
    kept_chronology,
    marks_for,
    row_keys,
)
from dslapp.services.kept import KeptFinding
from dslapp.services.retention import dispose, set_retention
from dslapp.services.timeline import event_from_row, events_of
from dslapp.store import RecordStore
from dslapp.vault.audit import Action as AuditAction
from dslapp.views.chronology import SOURCE_KINDS, filter_rows, rows_as_json, rows_from_json

MONDAY = date(2025, 3, 3)
QUALITY = get_config()
TEXTS = [
    "Arrived hungry and without a coat.",
    "Said “Mum always shouts” when asked about the weekend.",
    "Appeared unkempt and was clearly neglected.",  # opinion words: hints
    "Was happy in class and ate lunch.",
]
CATEGORIES = [
    [Category.NEGLECT],
    [Category.EMOTIONAL],
    [Category.NEGLECT],
    [Category.PHYSICAL, Category.NEGLECT],
]
"""The categories of a concern with each of TEXTS (so the filters and the summary see several)."""
SERVICES = "Services are in place and the family attend all TAF meetings."
LIVED = "Amira now has breakfast most days and says she feels happier."


# ---- the rows' JSON --------------------------------------------------------------------------------------

_plain_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), max_size=12)
_offsets = st.integers(-23 * 60 - 59, 23 * 60 + 59).map(lambda minutes: timezone(timedelta(minutes=minutes)))
_body_marks = st.builds(
    BodyMark,
    number=st.integers(1, MAX_BODY_MARKS),
    view=st.sampled_from(list(BodyView)),
    x=st.floats(0.0, 1.0),
    y=st.floats(0.0, 1.0),
    mark_type=st.sampled_from(list(MarkType)),
    size_cm=st.none() | st.floats(0.0, 200.0),
    colour=_plain_text,
    shape=_plain_text,
    child_explanation=_plain_text,
)
_rows = st.builds(
    ChronologyRow,
    record_id=st.text(),
    kind=st.text(),
    when=st.text(),
    sort_date=st.dates(),
    event=st.text(),
    source=st.text(),
    categories=st.lists(st.sampled_from(list(Category)), max_size=4).map(tuple),
    severity=st.none() | st.sampled_from(list(Severity)),
    impact=st.text(),
    impact_kind=st.sampled_from(list(Impact)),
    action=st.text(),
    recorded_by=st.text(),
    significant=st.booleans(),
    approximate=st.booleans(),
    entry_id=st.text(),
    part=st.text(),
    sort_time=st.times() | st.times(timezones=_offsets),
    created_at=st.none() | st.datetimes() | st.datetimes(timezones=_offsets),
    body_marks=st.lists(_body_marks, max_size=3).map(tuple),
)


def _exactly_equal(a: ChronologyRow, b: ChronologyRow) -> None:
    assert a == b
    for name in ("sort_time", "created_at"):  # equal instants are not enough: the same offset too
        x, y = getattr(a, name), getattr(b, name)
        assert type(x) is type(y)
        if x is not None:
            assert (x.tzinfo is None) == (y.tzinfo is None)
            assert x.utcoffset() == y.utcoffset()


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(_rows, max_size=6))
def test_rows_round_trip_through_json_exactly(rows: list[ChronologyRow]) -> None:
    text = json.dumps(rows_as_json(rows), ensure_ascii=False)
    again = rows_from_json(json.loads(text))
    assert len(again) == len(rows)
    for row, back in zip(rows, again, strict=True):
        _exactly_equal(row, back)
        _exactly_equal(row, ChronologyRow.from_json(json.loads(json.dumps(row.as_json()))))
        assert back.as_json() == row.as_json()
    assert len(rows_as_json(rows)) == len(fields(ChronologyRow))  # every field is written


@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(_rows, max_size=8),
    since=st.none() | st.dates(),
    until=st.none() | st.dates(),
    categories=st.none() | st.lists(st.sampled_from(list(Category)), max_size=3),
    source=st.none() | st.text(max_size=3),
    significant_only=st.booleans(),
)
def test_kept_rows_are_the_rows_and_select_as_the_filter_does(
    rows: list[ChronologyRow],
    since: date | None,
    until: date | None,
    categories: list[Category] | None,
    source: str | None,
    significant_only: bool,
) -> None:
    """Rows read from their JSON columns one at a time, and chosen from the columns, equal the rows themselves and
    the rows ``filter_rows`` keeps; no row is made until it is looked at, and each only once."""
    kept = KeptRows(json.loads(json.dumps(rows_as_json(rows), ensure_ascii=False)))
    filters: dict[str, Any] = {
        "since": since, "until": until, "categories": categories, "source": source, "significant_only": significant_only
    }  # fmt: skip
    chosen = kept.select(**filters)
    expected = filter_rows(rows, **filters)
    assert row_keys(chosen) == [row.key for row in expected]
    for name in (f.name for f in fields(ChronologyRow)):
        assert chosen.values(name) == [getattr(row, name) for row in expected]
    assert events_of(chosen) == tuple(event_from_row(row) for row in expected)
    assert chronology_summary(chosen) == chronology_summary(expected)
    assert kept.made == 0  # keys, values, events, the summary and selecting made no row
    assert len(chosen) == len(expected) and chosen == expected and chosen == tuple(expected)
    for row, back in zip(expected, chosen, strict=True):
        _exactly_equal(row, back)
    assert kept.made == len(expected)
    assert all(a is b for a, b in zip(chosen, kept.select(**filters), strict=True))  # made once, kept for both
    assert kept == rows and list(kept) == rows and kept[::-1] == rows[::-1]
    assert kept != [*rows, *rows[:1]] or not rows
    assert kept != rows[1:] or not rows


@given(
    hints=st.dictionaries(
        st.text(),
        st.lists(st.builds(Hint, st.sampled_from(["opinion", "no_impact"]), st.text(), st.text(), st.text())),
    )
)
def test_hints_round_trip_through_json(hints: dict[str, list[Hint]]) -> None:
    back = hints_from_json(json.loads(json.dumps(hints_as_json(hints))))
    assert back == {key: found for key, found in hints.items() if found}


# ---- random histories of one child ---------------------------------------------------------------------

DAY = st.integers(0, 6)  # few days and hours, so several records share a day and concerns a time
HOUR = st.none() | st.sampled_from([8, 9, 12])  # None: a concern recorded without a time (midnight)
SAME_DAY = st.none()
"""For a referral or plan: the day of the first concern it names (as the DSL often refers on the day)."""
FUTURE = [uuid.UUID(int=n + 1) for n in range(2)]
"""Ids of concerns that a team member's records can name before the concern itself arrives."""
PICK = st.integers(0, 30)

TEXT = st.integers(0, len(TEXTS) - 1)
_OPERATIONS: dict[str, st.SearchStrategy[tuple[Any, ...]]] = {
    "concern": st.tuples(st.just("concern"), DAY, HOUR, TEXT, st.booleans()),
    "following": st.tuples(st.just("following"), DAY, HOUR, PICK),
    "referral": st.tuples(
        st.just("referral"), SAME_DAY | DAY, st.lists(PICK, max_size=3), st.booleans(), st.booleans()
    ),
    "plan": st.tuples(st.just("plan"), SAME_DAY | DAY, st.none() | PICK),
    "review": st.tuples(st.just("review"), DAY, PICK, st.booleans()),
    "entry": st.tuples(st.just("entry"), DAY, st.booleans(), TEXT),
    "curate": st.tuples(st.just("curate"), PICK, TEXT),
    "amend": st.tuples(st.just("amend"), PICK, DAY, HOUR),
    "merge_concern": st.tuples(st.just("merge_concern"), DAY, HOUR, st.booleans()),
    "merge_amend": st.tuples(st.just("merge_amend"), PICK, TEXT),
    "merge_naming": st.tuples(st.just("merge_naming"), DAY, st.integers(0, 1), st.booleans()),
    "merge_named": st.tuples(st.just("merge_named"), DAY, HOUR, st.integers(0, 1)),
    "import": st.tuples(st.just("import"), DAY, HOUR, st.integers(1, 3)),
    "action": st.tuples(st.just("action"), DAY),
    "other_child": st.tuples(st.just("other_child"), DAY, HOUR),
    "keep": st.just(("keep",)),
    "check": st.just(("check",)),
}
_WEIGHTS = {
    "concern": 6,
    "keep": 2,
    "merge_concern": 2,
    "import": 2,
    "check": 2,
    "merge_naming": 2,
    "merge_named": 3,
    "referral": 2,
}
"""How often each operation is drawn (1 unless given): concerns and reads of the kept chronology most, so histories
often keep it, add concerns that stand alone and read it again."""
operation = st.sampled_from([name for name in _OPERATIONS for _ in range(_WEIGHTS.get(name, 1))]).flatmap(
    _OPERATIONS.__getitem__
)


def _pick(items: list[Any], index: int) -> Any:
    return items[index % len(items)] if items else None


def _at(day: int, hour: int | None) -> datetime:
    on = MONDAY + timedelta(days=day)
    return datetime(on.year, on.month, on.day, hour or 0, 0 if hour is None else 10 + day)


def _concern_fields(child: Child, day: int, hour: int | None, text: str, **extra: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "child_id": child.id,
        "observed_at": _at(day, hour),
        "reporter_name": "Ms T. Fictional",
        "reporter_role": "Class teacher",
        "categories": [Category.NEGLECT],
        "what_happened": text,
        "dsl_decision": DslDecision.MONITOR,
        "decision_reasons": "Monitoring in school.",
        "refer_if": "Any further concern about food or care at home.",
    }
    fields.update(extra)
    return fields


def _sent_referrals(store: RecordStore, child: Child) -> list[Referral]:
    return [r for r in store.for_child(child.id, Referral) if r.sent_on is not None]


def _merged_in(store: RecordStore, record: Any) -> None:
    """As the team merge takes in a record another device recorded: inserted as it was, in the merge's transaction."""
    with store.db.transaction():
        store.insert_replicated(record)
        store.vault.audit(AuditAction.TEAM, "team:fictional-device", "change file taken in: 1 records")


def _apply(store: RecordStore, child: Child, other: Child, op: tuple[Any, ...]) -> None:
    kind = op[0]
    concerns = store.for_child(child.id, Concern)
    if kind == "concern":
        _, day, hour, text, significant = op
        fields = _concern_fields(child, day, hour, TEXTS[text], significant=significant, categories=CATEGORIES[text])
        recording.record(store, Concern, **fields)
    elif kind == "following":
        _, day, hour, pick = op
        follows = _pick(_sent_referrals(store, child), pick)
        extra = {"follows_id": follows.id} if follows is not None else {}
        recording.record(store, Concern, **_concern_fields(child, day, hour, "Seen again after the outcome.", **extra))
    elif kind == "referral":
        _, day, picks, outcome, draft = op
        chosen = [_pick(concerns, p) for p in picks if concerns]
        on = chosen[0].observed_at.date() if day is None and chosen else MONDAY + timedelta(days=day or 0)
        named = list(dict.fromkeys(c.id for c in chosen))
        fields: dict[str, Any] = {
            "child_id": child.id,
            "started_on": on,
            "consent": ParentConsent.TOLD_AGREED,
            "concern_ids": named,
        }
        if not draft:
            fields.update(status=ReferralStatus.SENT, sent_on=on)
            if outcome:
                fields.update(status=ReferralStatus.OUTCOME, outcome=ReferralOutcome.NO_FURTHER_ACTION, outcome_on=on)
        recording.record(store, Referral, **fields)
    elif kind == "plan":
        _, day, pick = op
        starter = _pick(concerns, pick) if pick is not None else None
        on = starter.observed_at.date() if day is None and starter else MONDAY + timedelta(days=day or 0)
        recording.record(
            store,
            EarlyHelpPlan,
            child_id=child.id,
            started_on=on,
            started_from_id=starter.id if starter is not None else None,
            child_view="I want toast in the morning.",
        )
    elif kind == "review" and (plan := _pick(store.for_child(child.id, EarlyHelpPlan), op[2])) is not None:
        recording.record(
            store,
            EarlyHelpReview,
            child_id=child.id,
            plan_id=plan.id,
            held_on=MONDAY + timedelta(days=op[1]),
            life_improved=SERVICES if op[3] else LIVED,
            overall=Judgement.IMPROVED,
            decision=ReviewDecision.CONTINUE,
        )
    elif kind == "entry":
        _, day, approximate, text = op
        on = MONDAY + timedelta(days=day)
        when: dict[str, Any] = {"period": str(on.year)} if approximate else {"on": on}
        recording.record(store, ChronologyEntry, child_id=child.id, event=TEXTS[text], source="Health visitor", **when)
    elif kind == "curate":
        rows = build_chronology(store, child.id, significant_only=False).rows
        row = _pick([r for r in rows if not r.entry_id and not r.part], op[1])
        if row is not None:
            curate_row(store, child.id, row, impact=TEXTS[op[2]])
    elif kind == "amend" and (found := _pick(concerns, op[1])) is not None:
        recording.amend(
            store, found.id, "Corrected after speaking to the teacher", observed_at=_at(op[2], op[3]).isoformat()
        )
    elif kind == "merge_concern":
        _, day, hour, following = op
        follows = _pick(_sent_referrals(store, child), day) if following else None
        record = Concern.model_validate(
            _concern_fields(
                child, day, hour, "Recorded on the deputy's laptop.", follows_id=follows.id if follows else None
            )
            | {"created_by": "Mr D. Deputy"}
        )
        _merged_in(store, record)
    elif kind == "merge_amend" and (found := _pick(concerns, op[1])) is not None:
        with store.db.transaction():  # as the team merge brings a record to another device's amendment
            store.amend_replicated(
                str(found.id), {"what_happened": TEXTS[op[2]]}, at=datetime.now().isoformat(), by="Mr D. Deputy",
                reason="Amended on the deputy's laptop",
            )  # fmt: skip
            store.vault.audit(AuditAction.TEAM, "team:fictional-device", "change file taken in: 1 amendments")
    elif kind == "merge_naming":  # a referral, or an entry rewording a concern, arrives before the concern
        _, day, index, referral = op
        on = MONDAY + timedelta(days=day)
        named: Any = (
            Referral.model_validate(
                {"child_id": child.id, "started_on": on, "status": ReferralStatus.SENT, "sent_on": on,
                 "consent": ParentConsent.TOLD_AGREED, "concern_ids": [FUTURE[index]], "created_by": "Mr D. Deputy"}
            )
            if referral
            else ChronologyEntry.model_validate(
                {"child_id": child.id, "on": on, "event": "Seen by the school nurse.", "created_by": "Mr D. Deputy",
                 "source_record_id": str(FUTURE[index])}
            )
        )  # fmt: skip
        _merged_in(store, named)
        event("a concern named before it arrives")
    elif kind == "merge_named":
        _, day, hour, index = op
        with contextlib.suppress(RecordNotFound):
            store.get(FUTURE[index])
            return  # already arrived
        arrived = _concern_fields(child, day, hour, "Recorded on the deputy's laptop.")
        _merged_in(store, Concern.model_validate(arrived | {"id": FUTURE[index], "created_by": "Mr D. Deputy"}))
        event("a concern named before it arrived")
    elif kind == "import":
        _, day, hour, count = op
        records = [
            Concern.model_validate(
                _concern_fields(child, day, hour, f"Imported concern {n}.") | {"created_by": "Import"}
            )
            for n in range(count)
        ]
        store.add_many(records, detail="case bundle")
    elif kind == "action":
        recording.record(
            store, Action, child_id=child.id, what="Phone home", owner="Ms T. Fictional", due=MONDAY + timedelta(op[1])
        )
    elif kind == "other_child":
        recording.record(store, Concern, **_concern_fields(other, op[1], op[2], "Another child's concern."))


def _assert_kept_equals_built(store: RecordStore, child: Child) -> None:
    built = build_chronology(store, child.id, significant_only=False)
    records = store.for_child(child.id, *SOURCE_KINDS)
    for reader in (store, RecordStore(store.vault)):  # this session, and as the next unlock reads it
        kept = kept_chronology(reader, child.id, quality=QUALITY)
        event(f"checked: {kept.read}")
        assert list(kept.rows) == list(built.rows)
        assert kept.hints == hints_for_rows(built.rows, QUALITY)
        assert kept.marks == marks_for(records)
        for filters in FILTERS:
            _assert_shown_equals_built(kept, build_chronology(store, child.id, **filters), filters)


FILTERS: list[dict[str, Any]] = [
    {},
    {"significant_only": False},
    {"since": MONDAY + timedelta(days=3), "categories": [Category.NEGLECT]},
    {"until": MONDAY + timedelta(days=2), "significant_only": False},
    {"since": MONDAY + timedelta(days=1), "until": MONDAY + timedelta(days=4), "categories": [Category.EMOTIONAL]},
    {"categories": [Category.PHYSICAL, Category.EMOTIONAL], "significant_only": False},
    {"categories": []},
    {"source": " CLASS teacher "},
    {"source": "dsl", "significant_only": False},
]
"""The tab's filters: each read from the kept chronology gives what a build from every record gives."""


def _assert_shown_equals_built(kept: KeptChronology, built: Chronology, filters: dict[str, Any]) -> None:
    """What the chronology tab shows (rows, their hints, the timeline's events, the summary), read from ``kept``,
    equals what it would show built from every record."""
    shown = kept.chronology(**filters)
    assert shown == built
    assert list(shown.rows) == list(built.rows)
    assert len(shown.rows) == len(built.rows)
    if built.rows:
        assert shown.rows[-1] == built.rows[-1] and shown.rows[0] == built.rows[0]
        assert list(shown.rows[1::2]) == list(built.rows[1::2])
    assert row_keys(shown.rows) == [row.key for row in built.rows]
    assert kept.hints_of(shown.rows) == hints_for_rows(built.rows, QUALITY)
    assert events_of(shown.rows) == tuple(event_from_row(row) for row in built.rows)
    assert chronology_summary(shown) == chronology_summary(built)


@settings(
    max_examples=int(os.environ.get("CHRONOLOGY_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(ops=st.lists(st.tuples(operation, st.booleans()), min_size=4, max_size=30))
def test_the_kept_chronology_equals_one_built_from_every_record(
    vault_templates: VaultTemplates, ops: list[tuple[tuple[Any, ...], bool]]
) -> None:
    """Each operation is followed by a read of the kept chronology (which keeps what it read) or not, so what is
    kept is from a random point of the history and the records since arrived in any way."""
    with tempfile.TemporaryDirectory(prefix="kept-chronology-") as tmp:
        vault, _ = vault_templates.create(Path(tmp) / "vault")
        store = RecordStore(vault)
        try:
            child = add_child(store, legal_forename="Amira", legal_surname="Testchild", dob=date(2016, 5, 1)).value
            other = add_child(store, legal_forename="Bea", legal_surname="Otherchild", dob=date(2016, 6, 1)).value
            for op, read in [*ops, (("check",), False)]:
                if op[0] == "check":
                    _assert_kept_equals_built(store, child)
                elif op[0] != "keep":
                    try:
                        _apply(store, child, other, op)
                    except CasebookError as refused:  # a refused record, an amendment that changes nothing
                        event(f"refused: {op[0]}: {refused}")
                if read or op[0] == "keep":
                    event(f"kept: {kept_chronology(store, child.id, quality=QUALITY).read}")
        finally:
            vault.lock()


# ---- which way it was read ---------------------------------------------------------------------------


def _child(store: RecordStore) -> Child:
    child: Child = add_child(store, legal_forename="Amira", legal_surname="Testchild", dob=date(2016, 5, 1)).value
    return child


def _concern(store: RecordStore, child: Child, day: int, hour: int | None = 9, **extra: Any) -> Concern:
    made: Concern = recording.record(store, Concern, **_concern_fields(child, day, hour, TEXTS[2], **extra)).value
    return made


def _read(store: RecordStore, child: Child, **kw: Any) -> str:
    kept = kept_chronology(store, child.id, **{"quality": QUALITY, **kw})
    built = build_chronology(store, child.id, significant_only=False)
    assert list(kept.rows) == list(built.rows)
    assert kept.hints == hints_for_rows(built.rows, kw.get("quality", QUALITY))
    return kept.read


def _history(store: RecordStore) -> tuple[Child, Referral]:
    child = _child(store)
    first = _concern(store, child, 1)
    _concern(store, child, 1, hour=None)
    referral: Referral = recording.record(
        store, Referral, child_id=child.id, started_on=MONDAY + timedelta(2), status=ReferralStatus.SENT,
        sent_on=MONDAY + timedelta(2), consent=ParentConsent.TOLD_AGREED, concern_ids=[first.id],
    ).value  # fmt: skip
    recording.record(
        store, EarlyHelpPlan, child_id=child.id, started_on=MONDAY + timedelta(3), started_from_id=first.id
    )
    return child, referral


def test_new_concerns_that_stand_alone_are_merged_into_the_kept_rows(store: RecordStore) -> None:
    child, _ = _history(store)
    assert _read(store, child) == "built"
    assert _read(store, child) == "kept"
    _concern(store, child, 1, hour=8)  # the same day as linked records, earlier
    _concern(store, child, 0, hour=None)
    _concern(store, child, 9)
    assert _read(store, child) == "merged"
    assert _read(store, child) == "kept"
    recording.record(store, Action, child_id=child.id, what="Phone home", owner="Ms T. Fictional", due=MONDAY)
    assert _read(store, child) == "merged"  # a record that gives no row: only where the kept rows reach is moved on
    assert _read(store, child) == "kept"
    other = _child(store)
    _concern(store, other, 1)
    assert _read(store, child) == "kept"  # another child's record


def test_an_amendment_a_linked_record_or_other_settings_build_it_again(store: RecordStore) -> None:
    child, referral = _history(store)
    first = store.for_child(child.id, Concern)[0]
    _read(store, child)
    recording.amend(store, first.id, "Corrected the wording", what_happened="Arrived hungry, no coat.")
    assert _read(store, child) == "built"
    _concern(store, child, 4, follows_id=referral.id)  # follows the referral's outcome
    assert _read(store, child) == "built"
    recording.record(
        store,
        Referral,
        child_id=child.id,
        started_on=MONDAY + timedelta(5),
        consent=ParentConsent.TOLD_AGREED,
        concern_ids=[first.id],
    )  # fmt: skip  (a draft: no row of its own, but the concern it names now "led to" it)
    assert _read(store, child) == "built"
    row = next(r for r in build_chronology(store, child.id, significant_only=False).rows if r.kind == Concern.KIND)
    curate_row(store, child.id, row, impact="Could not settle in class.")
    assert _read(store, child) == "built"
    assert _read(store, child) == "kept"
    strict = parse_config_text("max_words = 3\n")
    assert _read(store, child, quality=strict) == "built"  # other hint settings: not the kept hints
    assert _read(store, child, quality=strict) == "kept"
    assert _read(store, child) == "built"


def test_a_concern_named_before_it_arrived_builds_it_again(store: RecordStore) -> None:
    """Records from a team member can arrive in any order: an entry rewording a concern, or a referral naming it,
    may be here before the concern. When the concern arrives it is linked, so it is not merged alone."""
    child = _child(store)
    _concern(store, child, 1)
    late, later = uuid.uuid4(), uuid.uuid4()
    recording.record(
        store, ChronologyEntry, child_id=child.id, on=MONDAY, event="Seen by the school nurse.",
        source_record_id=str(late),
    )  # fmt: skip
    recording.record(
        store, Referral, child_id=child.id, started_on=MONDAY + timedelta(5), status=ReferralStatus.SENT,
        sent_on=MONDAY + timedelta(5), consent=ParentConsent.TOLD_AGREED, concern_ids=[later],
    )  # fmt: skip
    assert _read(store, child) == "built"
    for record_id in (late, later):
        arrived = Concern.model_validate(
            _concern_fields(child, 2, 10, "Recorded on the deputy's laptop.") | {"id": record_id, "created_by": "Dep"}
        )
        _merged_in(store, arrived)
        assert _read(store, child) == "built"


def test_a_new_record_spares_the_kept_chronology_but_not_todays_findings(store: RecordStore) -> None:
    child, _ = _history(store)
    _read(store, child)
    store.keep_findings("today", "fingerprint", [_kept(str(child.id))])
    _concern(store, child, 6)
    assert _kept_kinds(store, child) == {"chronology"}
    store.keep_findings("today", "fingerprint", [_kept(str(child.id))])
    first = store.for_child(child.id, Concern)[0]
    recording.amend(store, first.id, "Corrected the wording", what_happened="Arrived hungry, no coat.")
    assert _kept_kinds(store, child) == set()  # an amendment removes both


def test_overwriting_a_record_removes_the_kept_chronology(store: RecordStore) -> None:
    """Nothing writes records with INSERT OR REPLACE; if anything did, the old row would go without the delete
    triggers and the new one would look like a record added: migration 0009 removes the kept chronology first."""
    child, _ = _history(store)
    _read(store, child)
    first = store.for_child(child.id, Concern)[0]
    store.db.execute(
        "INSERT OR REPLACE INTO records (id, kind, child_id, occurred_on, created_at, created_by, version, body) "
        "SELECT id, kind, child_id, occurred_on, created_at, created_by, version, "
        "json_set(body, '$.what_happened', 'Overwritten.') FROM records WHERE id = ?",
        (str(first.id),),
    )
    assert _kept_kinds(store, child) == set()
    assert _read(store, child) == "built"


def test_a_read_inside_a_transaction_keeps_nothing(store: RecordStore) -> None:
    child, _ = _history(store)
    with store.db.transaction():
        assert _read(store, child) == "built"
    assert _read(store, child) == "built"
    assert _read(store, child) == "kept"


def _kept(child_id: str) -> KeptFinding:
    return KeptFinding(child_id, date.min, date.max, "{}")


def _kept_kinds(store: RecordStore, child: Child) -> set[str]:
    rows = store.db.execute("SELECT what FROM kept_findings WHERE child_id = ?", (str(child.id),))
    return {str(r[0]) for r in rows}


def test_a_concern_without_a_time_and_one_with_keep_the_order_of_a_full_build(store: RecordStore) -> None:
    child = _child(store)
    _concern(store, child, 1, hour=None)
    _read(store, child)
    _concern(store, child, 1, hour=7)
    _concern(store, child, 1, hour=None)
    assert _read(store, child) == "merged"
    times = [r.sort_time for r in kept_chronology(store, child.id, quality=QUALITY).rows]
    assert times == sorted(times)
    assert time(7, 11) in times


def test_a_second_merge_still_places_new_concerns_before_a_linked_row_of_their_day(store: RecordStore) -> None:
    """A referral made the day of the concern it names takes that concern's time; a concern merged in later that
    day, earlier in the morning, goes before both: after one merge as after none."""
    child = _child(store)
    first = _concern(store, child, 1, hour=9)
    recording.record(
        store, Referral, child_id=child.id, started_on=MONDAY + timedelta(1), status=ReferralStatus.SENT,
        sent_on=MONDAY + timedelta(1), consent=ParentConsent.TOLD_AGREED, concern_ids=[first.id],
    )  # fmt: skip
    assert _read(store, child) == "built"
    _concern(store, child, 5)
    assert _read(store, child) == "merged"
    early = _concern(store, child, 1, hour=8)
    assert _read(store, child) == "merged"
    keys = [r.key for r in kept_chronology(store, child.id, quality=QUALITY).rows]
    assert keys.index(str(early.id)) < keys.index(str(first.id))


_SHIPPED_WORDS = [w.word for w in QUALITY.opinion_words]


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(
        st.sampled_from(_SHIPPED_WORDS)
        | st.sampled_from([" ", "-", "  ", "\n", "a", "un", "’s", ".", "“", "”", "ly", "İ", "ſ"])
        | st.text(max_size=3),
        max_size=12,
    )
)
def test_one_search_for_any_opinion_word_finds_what_the_words_find(pieces: list[str]) -> None:
    """The search that rules out every opinion word in a plain entry (a chronology is checked field by field when it
    is built) finds a word exactly where one of the words' own patterns does."""
    text = "".join(pieces)
    for config in (QUALITY, parse_config_text('[[opinion]]\nword = "appears to be"\n[[opinion]]\nword = "always"\n')):
        assert config.any_opinion is not None
        assert bool(config.any_opinion.search(text)) == any(w.pattern.search(text) for w in config.opinion_words)
        assert bool(config.any_opinion.search(text.upper())) == any(
            w.pattern.search(text.upper()) for w in config.opinion_words
        )


def test_a_disposal_removes_the_kept_chronology(store: RecordStore) -> None:
    child, _ = _history(store)
    retained = set_retention(store, child.id, date(2024, 5, 1), "Retention reviewed by the DSL").value
    _read(store, retained)
    assert _kept_kinds(store, child) == {"chronology"}
    dispose(store, child.id, "Retention period ended; reviewed by DSL and head", "Ms Ada Testperson")
    assert _kept_kinds(store, child) == set()

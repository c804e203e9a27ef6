"""The chronology: built from significant records, manual entries with approximate dates, filters,
the amendment rule, the summary by category per quarter, quality hints and the timeline model.

All names and events are fictional.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from dslapp.errors import CasebookError, InvalidRecord, RecordNotFound
from dslapp.guidance.chronology_quality import (
    HintCode,
    check_entry,
    hints_for_row,
    hints_for_rows,
    load_config,
    parse_config_text,
)
from dslapp.models import (
    Category,
    Child,
    ChildStatus,
    ChronologyEntry,
    Concern,
    DslDecision,
    EarlyHelpPlan,
    EarlyHelpReview,
    Escalation,
    Impact,
    Judgement,
    Referral,
    ReferralOutcome,
    ReferralStatus,
    ReviewDecision,
    Severity,
    ThresholdDecision,
    Transfer,
    TransferDirection,
)
from dslapp.models.early_help import Goal, PlanStatus
from dslapp.models.referral import DisagreementType, ParentConsent, SentVia
from dslapp.services import recording
from dslapp.services.children import add_child, change_status
from dslapp.services.chronology import (
    Quarter,
    build_chronology,
    chronology_summary,
    curate_row,
)
from dslapp.services.timeline import (
    MILESTONES,
    build_timeline,
    getting_closer,
    timeline_from_chronology,
)
from dslapp.store import RecordStore


def _child(store: RecordStore) -> Child:
    child = add_child(store, legal_forename="Olena", legal_surname="Kovalenko", dob=date(2014, 3, 9)).value
    return child


def _concern(store: RecordStore, child: Child, day: date, text: str, **extra: object) -> Concern:
    fields: dict[str, object] = {
        "child_id": child.id,
        "observed_at": datetime(day.year, day.month, day.day, 9, 15),
        "reporter_name": "Mr T. Fictional",
        "reporter_role": "Class teacher",
        "categories": [Category.NEGLECT],
        "what_happened": text,
        "significant": True,
    }
    fields.update(extra)
    concern = recording.record(store, Concern, **fields).value
    return concern


def _entry(store: RecordStore, child: Child, **fields: object) -> ChronologyEntry:
    fields.setdefault("event", "An event")
    entry = recording.record(store, ChronologyEntry, child_id=child.id, **fields).value
    return entry


def _full_case(store: RecordStore) -> tuple[Child, dict[str, str]]:
    """A child with one record of every kind the chronology uses (ids by name)."""
    child = _child(store)
    ids: dict[str, str] = {}
    ids["concern"] = str(
        _concern(
            store,
            child,
            date(2024, 1, 8),
            "Arrived without a coat; hungry at breakfast club.",
            child_words="There was no food in the cupboard.",
            immediate_action="Breakfast given; DSL informed.",
            dsl_decision=DslDecision.EARLY_HELP,
            decision_reasons="Parent agreed to Early Help.",
            severity=Severity.HIGH,
        ).id
    )
    ids["quiet_concern"] = str(
        _concern(store, child, date(2024, 1, 9), "Forgot PE kit.", significant=False, categories=[Category.OTHER]).id
    )
    plan = recording.record(
        store,
        EarlyHelpPlan,
        child_id=child.id,
        started_on=date(2024, 1, 20),
        lead_practitioner="Ms P. Example (Early Help worker)",
        worries="Food in the home; getting to school on time.",
        goals=[Goal(what_will_change="Breakfast every school day")],
        status=PlanStatus.CLOSED,
        closed_on=date(2024, 7, 15),
        closing_summary="Olena now has breakfast every day and her attendance is 97%.",
    ).value
    ids["plan"] = str(plan.id)
    review = recording.record(
        store,
        EarlyHelpReview,
        child_id=child.id,
        plan_id=plan.id,
        held_on=date(2024, 3, 1),
        life_improved="Olena says she is not hungry in lessons any more.",
        overall=Judgement.IMPROVED,
        decision=ReviewDecision.CONTINUE,
    ).value
    ids["review"] = str(review.id)
    threshold = recording.record(
        store,
        ThresholdDecision,
        child_id=child.id,
        decided_on=date(2024, 1, 18),
        level=2,
        reasoning="Single agency support meets the need.",
        decided_by="Ms Ada Testperson",
    ).value
    ids["threshold"] = str(threshold.id)
    referral = recording.record(
        store,
        Referral,
        child_id=child.id,
        started_on=date(2024, 9, 2),
        status=ReferralStatus.OUTCOME,
        sent_on=date(2024, 9, 3),
        sent_via=SentVia.ONLINE_FORM,
        reference="MASH-0001",
        consent=ParentConsent.TOLD_AGREED,
        outcome=ReferralOutcome.SINGLE_ASSESSMENT,
        outcome_on=date(2024, 9, 10),
        outcome_notes="Allocated to a social worker.",
    ).value
    ids["referral"] = str(referral.id)
    draft = recording.record(store, Referral, child_id=child.id, started_on=date(2024, 10, 1)).value
    ids["draft_referral"] = str(draft.id)
    escalation = recording.record(
        store,
        Escalation,
        child_id=child.id,
        raised_on=date(2024, 11, 4),
        disagreement=DisagreementType.THRESHOLD,
        with_whom="Social worker, Fictional Borough",
        summary="We disagree with case closure: concerns continue.",
        outcome="Case kept open for a further month.",
    ).value
    ids["escalation"] = str(escalation.id)
    change_status(store, child.id, ChildStatus.CIN, date(2024, 9, 20), "Single assessment: Child in Need plan.")
    transfer = recording.record(
        store,
        Transfer,
        child_id=child.id,
        direction=TransferDirection.OUTGOING,
        other_school="Fictional Secondary School",
        sent_on=date(2025, 7, 1),
        method="secure transfer",
    ).value
    ids["transfer"] = str(transfer.id)
    ids["manual"] = str(
        _entry(
            store,
            child,
            period="Spring 2019",
            event="Health visitor recorded missed developmental checks (before the child joined).",
            source="Health visiting",
            impact="Speech delay not picked up until Reception.",
            impact_kind=Impact.NEGATIVE,
            action_taken="Referred to speech and language therapy.",
        ).id
    )
    return child, ids


def test_chronology_is_built_from_every_significant_kind_with_links_back(store: RecordStore) -> None:
    child, ids = _full_case(store)
    chronology = build_chronology(store, child.id)
    rows = chronology.rows
    kinds = {row.kind for row in rows}
    assert kinds == {
        "concern",
        "early_help_plan",
        "early_help_review",
        "threshold_decision",
        "referral",
        "escalation",
        "status_change",
        "transfer",
        "chronology_entry",
    }
    # Date order, each row linking to a real record of the kind it names.
    assert [r.sort_date for r in rows] == sorted(r.sort_date for r in rows)
    for row in rows:
        assert row.kind == store.get(row.record_id).KIND
    by_id = {row.key: row for row in rows}
    # Not significant and draft records are left out; the referral gives a row when sent and one for its outcome.
    assert ids["quiet_concern"] not in by_id
    assert ids["draft_referral"] not in by_id
    assert {ids["referral"], f"{ids['referral']}:outcome"} <= set(by_id)
    assert "Single assessment / CIN" in by_id[f"{ids['referral']}:outcome"].event
    # The Early Help plan gives a row when it started and one when it closed, with its impact.
    closed = by_id[f"{ids['plan']}:closed"]
    assert closed.when == "15/07/2024" and "breakfast every day" in closed.impact
    # The concern's row: the child's words, category, severity, decision, source.
    concern = by_id[ids["concern"]]
    assert "“There was no food in the cupboard.”" in concern.event
    assert concern.categories == (Category.NEGLECT,) and concern.severity == Severity.HIGH
    assert "DSL decision: Early Help" in concern.action
    assert concern.source == "Mr T. Fictional, Class teacher"
    assert concern.when == "08/01/2024"
    # An improved review is a positive impact; the manual entry sorts first with its period shown.
    assert by_id[ids["review"]].impact_kind == Impact.POSITIVE
    assert rows[0].record_id == ids["manual"] and rows[0].when == "Spring 2019" and rows[0].approximate
    assert chronology.range_label == "Spring 2019 to 01/07/2025"  # an approximate start stays approximate
    # Everything, significant or not, on request.
    everything = build_chronology(store, child.id, significant_only=False)
    assert ids["quiet_concern"] in {r.record_id for r in everything.rows}


def test_approximate_dates_sort_sensibly(store: RecordStore) -> None:
    child = _child(store)
    for label in ("Summer 2019", "March 2019", "2018", "Spring 2019", "Autumn term 2018"):
        _entry(store, child, period=label, event=f"Event in {label}")
    _entry(store, child, on=date(2019, 2, 15), event="Event on 15/02/2019")
    _entry(store, child, on=date(2020, 1, 1), event="Exact 01/01/2020")
    _entry(store, child, period="January 2020", event="Sometime in January 2020")
    order = [row.when for row in build_chronology(store, child.id).rows]
    assert order == [
        "2018",
        "Autumn term 2018",
        "Spring 2019",
        "15/02/2019",
        "March 2019",
        "Summer 2019",
        "January 2020",  # a period sorts before an exact date on the day it starts
        "01/01/2020",
    ]


def test_a_period_without_a_year_is_refused_in_plain_words(store: RecordStore) -> None:
    child = _child(store)
    with pytest.raises(InvalidRecord, match="year"):
        _entry(store, child, period="last spring", event="Something")


def test_filters_by_date_range_category_and_source(store: RecordStore) -> None:
    child = _child(store)
    _concern(store, child, date(2024, 2, 1), "Neglect one")
    _concern(store, child, date(2024, 5, 1), "Upset after contact", categories=[Category.EMOTIONAL])
    _concern(store, child, date(2024, 8, 1), "Neglect two", reporter_name="Ms School Nurse")
    _entry(store, child, on=date(2024, 6, 1), event="Police attended the home", source="Devon and Fictional Police")

    def events(**filters: object) -> list[str]:
        return [r.event for r in build_chronology(store, child.id, **filters).rows]  # type: ignore[arg-type]

    assert events(since=date(2024, 4, 1), until=date(2024, 7, 1)) == ["Upset after contact", "Police attended the home"]
    assert events(categories=[Category.NEGLECT]) == ["Neglect one", "Neglect two"]
    assert events(categories=[Category.NEGLECT, Category.EMOTIONAL]) == [
        "Neglect one",
        "Upset after contact",
        "Neglect two",
    ]
    assert events(source="police") == ["Police attended the home"]
    assert events(source="nurse") == ["Neglect two"]
    ranged = build_chronology(store, child.id, since=date(2024, 1, 1), until=date(2024, 12, 31))
    assert ranged.range_label == "01/01/2024 to 31/12/2024"


def test_unknown_child_is_a_plain_not_found(store: RecordStore) -> None:
    with pytest.raises(RecordNotFound):
        build_chronology(store, "00000000-0000-0000-0000-000000000000")


def test_editing_an_entry_follows_the_amendment_rule(store: RecordStore) -> None:
    child = _child(store)
    entry = _entry(store, child, on=date(2024, 3, 4), event="Mum seemed drunk at pick-up.", source="Class teacher")
    store.amend(
        entry.id,
        {"event": "At pick-up, mum smelt of alcohol and was unsteady (seen by class teacher)."},
        "Facts, not opinion",
    )
    row = build_chronology(store, child.id).rows[0]
    assert row.event.startswith("At pick-up, mum smelt of alcohol") and row.entry_id == str(entry.id)
    history = store.amendments(entry.id)
    assert len(history) == 1 and history[0].previous["event"] == "Mum seemed drunk at pick-up."
    assert history[0].reason == "Facts, not opinion"
    with pytest.raises(InvalidRecord):
        store.amend(entry.id, {"event": "x"}, "")


def test_curating_a_built_row_adds_the_impact_and_keeps_the_link(store: RecordStore) -> None:
    child = _child(store)
    concern = _concern(store, child, date(2024, 2, 1), "No coat in the snow.", severity=Severity.MEDIUM)
    row = build_chronology(store, child.id).rows[0]
    assert row.entry_id == "" and row.impact == ""
    result = curate_row(
        store, child.id, row, impact="Cold and unable to go out at playtime.", impact_kind=Impact.NEGATIVE
    )
    entry, changes = result.value, result.changes
    assert changes.touches("chronology_entry")
    rows = build_chronology(store, child.id).rows
    assert len(rows) == 1  # the entry replaces the built row rather than repeating it
    curated = rows[0]
    assert curated.record_id == str(concern.id) and curated.kind == "concern"
    assert curated.entry_id == str(entry.id)
    assert curated.impact == "Cold and unable to go out at playtime." and curated.impact_kind == Impact.NEGATIVE
    assert curated.categories == (Category.NEGLECT,) and curated.severity == Severity.MEDIUM
    assert curated.event == "No coat in the snow." and curated.when == "01/02/2024"


def test_summary_counts_by_category_per_quarter(store: RecordStore) -> None:
    child = _child(store)
    for day in (date(2024, 1, 10), date(2024, 7, 2), date(2024, 10, 3), date(2024, 11, 4), date(2024, 12, 5)):
        _concern(store, child, day, f"Neglect {day}")
    _concern(store, child, date(2024, 2, 2), "Both", categories=[Category.NEGLECT, Category.EMOTIONAL])
    _entry(store, child, on=date(2024, 5, 5), event="Milestone without a category")
    summary = chronology_summary(build_chronology(store, child.id))
    assert [q.label for q in summary.quarters] == ["Jan–Mar 2024", "Apr–Jun 2024", "Jul–Sep 2024", "Oct–Dec 2024"]
    neglect, emotional = summary.categories
    assert neglect.category == Category.NEGLECT and neglect.counts == (2, 0, 1, 3)
    assert neglect.cumulative == (2, 2, 3, 6) and neglect.total == 6
    assert neglect.rising  # four in the last two quarters, more than any two quarters before
    assert emotional.counts == (1, 0, 0, 0) and not emotional.rising
    assert summary.count(Category.NEGLECT, Quarter(2024, 4)) == 3
    assert summary.uncategorised == 1
    assert summary.as_json()["categories"]["neglect"] == [2, 0, 1, 3]


# ---- quality hints -------------------------------------------------------------------------------


def _codes(hints: list[object]) -> set[str]:
    return {h.code for h in hints}  # type: ignore[attr-defined]


def test_quality_hints_fire_on_bad_entries() -> None:
    hints = check_entry(event="Mum was clearly drunk and is always late. He is manipulative and attention-seeking.")
    codes = _codes(hints)  # type: ignore[arg-type]
    assert {HintCode.NO_ACTION, HintCode.NO_IMPACT, HintCode.NO_SOURCE, HintCode.OPINION} <= codes
    words = {h.word.lower() for h in hints if h.code == HintCode.OPINION}
    assert words == {"clearly", "always", "manipulative", "attention-seeking"}
    attention = next(h for h in hints if h.word.lower() == "attention-seeking")
    assert "attention needing" in attention.message and attention.field == "event"
    long_text = " ".join(["word"] * (load_config().max_words + 1))
    too_long = check_entry(event=long_text, source="Police", impact="Upset", action="Logged")
    assert _codes(too_long) == {HintCode.TOO_LONG}  # type: ignore[arg-type]
    assert str(load_config().max_words) in too_long[0].message


def test_quality_hints_stay_quiet_on_a_good_entry() -> None:
    good = check_entry(
        event="Class teacher saw a 3 cm bruise on the left forearm at 09:10. Child said: “Dad grabbed me.”",
        source="Class teacher (Mr T. Fictional)",
        impact="Child was tearful and did not want to go home.",
        action="DSL phoned the MASH at 09:40; strategy discussion the same day.",
    )
    assert good == []


def test_the_childs_own_words_are_never_flagged() -> None:
    hints = check_entry(
        event="Child said: “Mum always shouts and never listens.”",
        source="Teaching assistant",
        impact="Withdrawn in class.",
        action="Logged; DSL spoke with parent.",
    )
    assert hints == []


def test_word_list_and_limit_come_from_settings() -> None:
    config = parse_config_text(
        """
        max_words = 5
        [messages]
        opinion = "Avoid “{word}”: {suggestion}"
        [[opinion]]
        word = "feisty"
        suggestion = "describe the behaviour."
        """
    )
    hints = check_entry(event="A feisty girl who ran out of class", source="s", impact="i", action="a", config=config)
    assert _codes(hints) == {HintCode.TOO_LONG, HintCode.OPINION}  # type: ignore[arg-type]
    assert "Avoid “feisty”: describe the behaviour." in [h.message for h in hints]
    # The shipped list is not used when settings are given.
    assert check_entry(event="clearly", source="s", impact="i", action="a", config=config) == []
    with pytest.raises(CasebookError, match="chronology hints settings"):
        parse_config_text("max_words = [")


def test_hints_for_built_rows_are_keyed_by_row(store: RecordStore) -> None:
    child = _child(store)
    _concern(store, child, date(2024, 2, 1), "Seems neglected.")
    good = _entry(
        store,
        child,
        on=date(2024, 2, 2),
        event="Attended dental appointment arranged by school nurse.",
        source="School nurse",
        impact="Toothache treated; eating well again at lunch.",
        impact_kind=Impact.POSITIVE,
        action_taken="Follow-up appointment booked for March.",
    )
    rows = build_chronology(store, child.id).rows
    by_key = hints_for_rows(rows)
    assert str(good.id) not in by_key
    (bad_key,) = by_key
    assert {HintCode.NO_IMPACT, HintCode.NO_ACTION, HintCode.OPINION} <= _codes(by_key[bad_key])  # type: ignore[arg-type]
    assert hints_for_row(rows[1]) == []


def test_hints_built_again_check_only_new_and_changed_rows(store: RecordStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """After a save the chronology is built again: rows equal to ones checked before keep their hints unchecked,
    and the answer is what checking every row gives."""
    import dslapp.guidance.chronology_quality as quality

    child = _child(store)
    _concern(store, child, date(2024, 2, 1), "Seems neglected.")
    _concern(store, child, date(2024, 2, 8), "Came in late, clearly tired.")
    before = build_chronology(store, child.id).rows
    known = {row.key: (row, hints) for row, hints in ((r, hints_for_rows([r]).get(r.key, [])) for r in before)}
    _concern(store, child, date(2024, 2, 9), "Upset at drop-off, probably nothing.")
    rows = build_chronology(store, child.id).rows
    checked: list[str] = []
    check = quality.hints_for_row
    monkeypatch.setattr(
        quality, "hints_for_row", lambda row, config=None: (checked.append(row.key), check(row, config))[1]
    )
    again = hints_for_rows(rows, known=known)
    assert len(checked) == 1 and checked[0] not in known  # only the new row was checked
    monkeypatch.undo()
    assert again == hints_for_rows(rows)


# ---- timeline model ------------------------------------------------------------------------------


def test_timeline_lanes_and_intervals_show_events_getting_closer(store: RecordStore) -> None:
    child = _child(store)
    for day in (date(2024, 1, 1), date(2024, 4, 10), date(2024, 7, 1), date(2024, 8, 1), date(2024, 8, 20)):
        _concern(store, child, day, f"Neglect {day}")
    for day in (date(2024, 2, 1), date(2024, 3, 1), date(2024, 4, 1), date(2024, 5, 1)):
        _concern(store, child, day, f"Emotional {day}", categories=[Category.EMOTIONAL])
    _entry(store, child, on=date(2024, 6, 1), event="MASH enquiry outcome: single assessment")
    timeline = build_timeline(store, child.id)
    assert [lane.key for lane in timeline.lanes] == [MILESTONES, "emotional_abuse", "neglect"]
    neglect = timeline.lane(Category.NEGLECT)
    assert neglect is not None
    assert neglect.intervals == (100, 82, 31, 19)
    assert neglect.getting_closer
    emotional = timeline.lane(Category.EMOTIONAL)
    assert emotional is not None and not emotional.getting_closer  # steady, monthly
    assert timeline.start == date(2024, 1, 1) and timeline.end == date(2024, 8, 20)
    assert not getting_closer([30, 20])  # too few gaps to say


def test_an_event_with_two_categories_is_in_both_lanes(store: RecordStore) -> None:
    child = _child(store)
    concern = _concern(store, child, date(2024, 2, 1), "Both", categories=[Category.NEGLECT, Category.DOMESTIC_ABUSE])
    timeline = timeline_from_chronology(build_chronology(store, child.id))
    assert [lane.key for lane in timeline.lanes] == ["neglect", "domestic_abuse"]
    assert all(lane.events[0].record_id == str(concern.id) for lane in timeline.lanes)
    assert len(timeline.events) == 1

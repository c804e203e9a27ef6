"""Learning from reviews: the library, learning cards, supervision and CPD, the child's voice, and the
governors' summary (which must never identify a child)."""

from __future__ import annotations

import io
import re
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from support import MakeVault

from dslapp.demo import build_demo
from dslapp.export.governors_pdf import count as governors_count
from dslapp.export.governors_pdf import redact
from dslapp.guidance.learning_cards import CardId, LearningEvent, select_cards
from dslapp.models import (
    Category,
    Child,
    ChildStatus,
    Concern,
    CpdRecord,
    DslDecision,
    EarlyHelpPlan,
    EarlyHelpReview,
    Escalation,
    Judgement,
    LearningNote,
    Person,
    Referral,
    ReferralOutcome,
    ReferralStatus,
    ReviewDecision,
    SupervisionNote,
)
from dslapp.models.early_help import PlanStatus
from dslapp.models.referral import DisagreementType
from dslapp.models.supervision import FollowUp
from dslapp.services import child_voice, learning, recording, supervision
from dslapp.services.documents import export_supervision_pdf
from dslapp.services.governors import export_governors_pdf, learning_summary
from dslapp.services.learning import LearningSettings
from dslapp.services.learning_cards import already_shown, cards_to_show, dismiss_card
from dslapp.services.today import today
from dslapp.store import RecordStore

CHILD_ID = uuid.UUID("00000000-0000-4000-8000-000000000001")
ON = date(2026, 3, 2)


def _child(**kw: object) -> Child:
    fields: dict[str, object] = {"legal_forename": "Testa", "legal_surname": "Fictionchild", "dob": date(2015, 5, 6)}
    fields.update(kw)
    return Child.model_validate(fields)


def _concern(categories: list[Category], decision: DslDecision, **kw: object) -> Concern:
    fields: dict[str, object] = {
        "child_id": CHILD_ID,
        "observed_at": datetime(2026, 2, 1, 9, 30),
        "reporter_name": "Ms Teacher",
        "categories": categories,
        "what_happened": "Came to school hungry, in the same clothes as last week.",
        "dsl_decision": decision,
        "decision_reasons": "Seen as a one-off; to monitor.",
    }
    fields.update(kw)
    return Concern.model_validate(fields)


def _review(overall: Judgement, decision: ReviewDecision = ReviewDecision.CONTINUE) -> EarlyHelpReview:
    return EarlyHelpReview(
        child_id=CHILD_ID,
        plan_id=uuid.uuid4(),
        held_on=date(2026, 2, 10),
        life_improved="She says mornings are still hard; breakfast is not always there.",
        overall=overall,
        decision=decision,
    )


def _referral(outcome: ReferralOutcome | None) -> Referral:
    return Referral(
        child_id=CHILD_ID,
        started_on=date(2026, 1, 5),
        status=ReferralStatus.OUTCOME if outcome else ReferralStatus.SENT,
        sent_on=date(2026, 1, 6),
        outcome=outcome,
        outcome_on=date(2026, 1, 20) if outcome else None,
    )


def _keys(cards: list[object]) -> set[tuple[str, str]]:
    return {(c.card_id, c.entry_key) for c in cards}  # type: ignore[attr-defined]


# ---- the library -------------------------------------------------------------------------------------


def test_starter_library_covers_the_themes() -> None:
    entries = learning.starter_entries()
    keys = {e.key for e in entries}
    assert {
        "life_improved",
        "persistent",
        "challenge",
        "chronology",
        "local_process",
        "information_sharing",
        "child_voice",
        "closure",
        "cumulative_harm",
    } <= keys
    for entry in entries:
        assert entry.title and entry.key_messages and entry.questions and entry.tags
        assert "fictional" in entry.source.lower()
        assert isinstance(entry.published_on, date)


def test_seeding_is_once_and_entries_can_be_added_edited_tagged_and_searched(store: RecordStore) -> None:
    assert learning.seed_library(store).touches(LearningNote.KIND)
    assert not learning.seed_library(store).touches(LearningNote.KIND)
    entries = learning.list_entries(store)
    assert len(entries) == len(learning.starter_entries())
    assert learning.get_entry(store, learning.entry_id("persistent")).title.startswith('"Persistent"')

    mine = learning.add_entry(
        store,
        title="Our own briefing on part-time timetables",
        tags=["attendance", " Attendance ", ""],
        key_messages="Look.",
    ).value
    assert mine.tags == ["attendance"]
    assert [e.id for e in learning.search_entries(store, "timetab")] == [mine.id]
    assert learning.entry_id("persistent") in {e.id for e in learning.search_entries(store, "neglect")}

    tagged = learning.tag_entry(store, mine.id, ["attendance", "neglect"]).value
    assert mine.id in {e.id for e in learning.list_entries(store, tag="Neglect")}
    assert "neglect" in learning.all_tags(store)
    changed = learning.record_what_we_will_change(
        store, tagged.id, "Look at attendance with concerns together.", [FollowUp(what="Staff briefing", due=ON)]
    ).value
    assert changed.what_we_will_change.startswith("Look at attendance")
    assert [a.action.what for a in learning.learning_actions(store, open_only=True)] == ["Staff briefing"]
    learning.complete_learning_action(store, tagged.id, 0, ON)
    assert learning.learning_actions(store, open_only=True) == []
    assert len(store.amendments(tagged.id)) == 3  # every change kept with its reason


# ---- learning cards ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("decision", "expected"),
    [
        (DslDecision.MONITOR, True),
        (DslDecision.SUPPORT_IN_SCHOOL, True),
        (DslDecision.NO_FURTHER_ACTION, True),
        (DslDecision.EARLY_HELP, True),
        (DslDecision.PENDING, False),
        (DslDecision.MASH_ENQUIRY, False),
        (DslDecision.POLICE, False),
    ],
)
def test_neglect_closed_without_referral_card(decision: DslDecision, expected: bool) -> None:
    cards = select_cards(_concern([Category.NEGLECT, Category.ATTENDANCE], decision), LearningEvent.CONCERN_DECIDED)
    assert bool(cards) is expected
    if expected:
        assert (CardId.NEGLECT_NOT_REFERRED, "persistent") in _keys(cards)
        assert cards[0].entry_id == learning.entry_id("persistent")


def test_non_neglect_concern_gets_no_neglect_card() -> None:
    assert select_cards(_concern([Category.ONLINE], DslDecision.MONITOR), LearningEvent.CONCERN_DECIDED) == []


def test_eh_review_without_improvement_card() -> None:
    for overall, expected in [(Judgement.NO_CHANGE, True), (Judgement.WORSE, True), (Judgement.IMPROVED, False)]:
        cards = select_cards(_review(overall), LearningEvent.EH_REVIEW_RECORDED)
        assert (_keys(cards) == {(CardId.EH_NO_IMPROVEMENT, "life_improved")}) is expected


def test_referral_nfa_and_escalation_cards() -> None:
    assert _keys(select_cards(_referral(ReferralOutcome.NO_FURTHER_ACTION), LearningEvent.REFERRAL_OUTCOME)) == {
        (CardId.REFERRAL_NFA, "challenge")
    }
    assert select_cards(_referral(ReferralOutcome.STRATEGY_S47), LearningEvent.REFERRAL_OUTCOME) == []
    escalation = Escalation(
        child_id=CHILD_ID,
        raised_on=date(2026, 1, 22),
        disagreement=DisagreementType.THRESHOLD,
        with_whom="Social worker (fictional)",
        summary="We disagree with NFA.",
    )
    assert _keys(select_cards(escalation, LearningEvent.ESCALATION_CONSIDERED)) == {(CardId.ESCALATION, "challenge")}
    # the wrong event for the record shows nothing
    assert select_cards(escalation, LearningEvent.CHRONOLOGY_EXPORTED) == []


def test_chronology_exported_and_case_closed_cards() -> None:
    child = _child()
    assert {k for _, k in _keys(select_cards(child, LearningEvent.CHRONOLOGY_EXPORTED))} == {
        "chronology",
        "cumulative_harm",
    }
    assert select_cards(child, LearningEvent.CASE_CLOSED) == []
    closed = _child(status=ChildStatus.CLOSED)
    assert {k for _, k in _keys(select_cards(closed, LearningEvent.CASE_CLOSED))} == {"closure", "child_voice"}
    plan = EarlyHelpPlan(
        child_id=CHILD_ID, started_on=date(2025, 9, 1), status=PlanStatus.CLOSED, closed_on=date(2026, 2, 1)
    )
    assert select_cards(plan, LearningEvent.CASE_CLOSED)
    assert select_cards(_review(Judgement.IMPROVED, ReviewDecision.STEP_DOWN), LearningEvent.CASE_CLOSED)
    assert not select_cards(_review(Judgement.IMPROVED, ReviewDecision.CONTINUE), LearningEvent.CASE_CLOSED)


def test_cards_are_shown_once_per_record_and_event_and_can_be_dismissed(store: RecordStore) -> None:
    concern = _concern([Category.NEGLECT], DslDecision.MONITOR)
    result = cards_to_show(store, concern, LearningEvent.CONCERN_DECIDED, ON)
    first, changes = result.value, result.changes
    assert first and changes.touches("learning_card_shown")
    again = cards_to_show(store, concern, LearningEvent.CONCERN_DECIDED, ON + timedelta(days=1)).value
    assert again == []
    # another record, or another moment for the same record, is new
    other = _concern([Category.NEGLECT], DslDecision.NO_FURTHER_ACTION)
    assert cards_to_show(store, other, LearningEvent.CONCERN_DECIDED, ON).value
    referral = _referral(ReferralOutcome.NO_FURTHER_ACTION)
    assert cards_to_show(store, referral, LearningEvent.REFERRAL_OUTCOME, ON).value
    assert cards_to_show(store, referral, LearningEvent.ESCALATION_CONSIDERED, ON).value
    assert cards_to_show(store, referral, LearningEvent.ESCALATION_CONSIDERED, ON).value == []

    assert dismiss_card(store, first[0]).changes.touches("learning_card_shown")
    shown = already_shown(store, concern.id, LearningEvent.CONCERN_DECIDED)
    assert sum(s.dismissed for s in shown) == 1
    assert not dismiss_card(store, first[0]).changes.touches("learning_card_shown")  # once is enough


# ---- supervision and CPD ------------------------------------------------------------------------------


def _add_child(store: RecordStore, forename: str) -> Child:
    child = recording.record(
        store, Child, legal_forename=forename, legal_surname="Fictional", dob=date(2014, 1, 2)
    ).value
    return child


def test_supervision_notes_link_both_ways(store: RecordStore) -> None:
    amira = _add_child(store, "Amira")
    ben = _add_child(store, "Ben")
    saved = supervision.record_session(
        store,
        held_on=ON,
        supervisor="Mr Supervisor (fictional)",
        child_ids=[amira.id],
        reflections="I have been waiting for something serious enough.",
        do_differently="Read the neglect concerns together.",
        actions=[FollowUp(what="Threshold discussion for Amira", due=ON + timedelta(days=3))],
    )
    note, changes = saved.value, saved.changes
    assert str(amira.id) in changes.child_ids
    assert [n.id for n in supervision.supervision_notes_for_child(store, amira.id)] == [note.id]
    assert supervision.supervision_notes_for_child(store, ben.id) == []
    assert [c.id for c in supervision.children_discussed(store, note)] == [amira.id]

    result = supervision.amend_session(store, note.id, "Ben was discussed too", child_ids=[amira.id, ben.id])
    amended, changes = result.value, result.changes
    assert changes.child_ids == {str(amira.id), str(ben.id)}
    assert [n.id for n in supervision.supervision_notes_for_child(store, ben.id)] == [note.id]
    assert {c.id for c in supervision.children_discussed(store, amended)} == {amira.id, ben.id}

    # the action shows on Today until it is done
    titles = [i.title for i in today(store, ON)["alerts"]]
    assert any("Threshold discussion for Amira" in t for t in titles)
    supervision.complete_action(store, note.id, 0, ON)
    assert not any("Threshold discussion" in i.title for i in today(store, ON)["alerts"])


def test_a_link_to_an_unknown_child_is_refused(store: RecordStore) -> None:
    from dslapp.errors import RecordNotFound

    with pytest.raises(RecordNotFound):
        supervision.record_session(store, held_on=ON, supervisor="X", child_ids=[uuid.uuid4()])


def test_cpd_refresher_due_in_two_years_and_the_reminder_fires_at_the_boundary(store: RecordStore) -> None:
    record = supervision.record_cpd(store, training="DSL refresher training", attended_on=date(2024, 3, 10)).value
    assert record.refresher_due == date(2026, 3, 10)
    assert CpdRecord(training="x", attended_on=date(2024, 2, 29)).refresher_due == date(2026, 2, 28)
    settings = LearningSettings(cpd_reminder_days=60)
    boundary = date(2026, 3, 10) - timedelta(days=60)
    assert supervision.cpd_today(store, boundary - timedelta(days=1), settings) == []
    fired = supervision.cpd_today(store, boundary, settings)
    assert len(fired) == 1 and fired[0].due == date(2026, 3, 10) and not fired[0].overdue
    lapsed = supervision.cpd_today(store, date(2026, 3, 11), settings)
    assert lapsed[0].overdue and "lapsed" in lapsed[0].title
    # Today uses the shipped setting (60 days) and the same boundary
    assert learning.learning_settings().cpd_reminder_days == 60
    assert not any("CPD" in i.title for i in today(store, boundary - timedelta(days=1))["alerts"])
    assert any("CPD" in i.title for i in today(store, boundary)["alerts"])
    # a refresher attended supersedes the old record
    supervision.record_cpd(store, training="DSL refresher training", attended_on=date(2026, 2, 1))
    assert supervision.cpd_today(store, date(2026, 3, 11), settings) == []


def test_learning_settings_can_be_overridden(tmp_path: Path) -> None:
    override = tmp_path / "settings.toml"
    override.write_text("cpd_reminder_days = 30\nvoice_max_age_days = 45\n", encoding="utf-8")
    settings = learning.load_learning_settings(override)
    assert (settings.cpd_reminder_days, settings.voice_max_age_days) == (30, 45)
    override.write_text("cpd_reminder_dayz = 30\n", encoding="utf-8")
    with pytest.raises(Exception, match="learning settings"):
        learning.load_learning_settings(override)


# ---- the child's voice ------------------------------------------------------------------------------------


def test_voice_panel_collects_every_source_and_prompts_when_old(store: RecordStore) -> None:
    child = _add_child(store, "Vee")
    assert child_voice.voice_last_recorded(store, child.id) is None
    _, prompt = child_voice.voice_check(store, child.id, ON)
    assert prompt is not None and prompt.code == child_voice.VoicePromptCode.VOICE_NEVER

    recording.record(
        store,
        Concern,
        child_id=child.id,
        observed_at=datetime(2025, 10, 1, 10, 0),
        reporter_name="Ms Teacher",
        categories=[Category.NEGLECT],
        what_happened="Hungry.",
        child_words="There was nothing for breakfast.",
    )
    plan = recording.record(
        store, EarlyHelpPlan, child_id=child.id, started_on=date(2025, 10, 20), child_view="I want my own bed."
    ).value
    recording.record(
        store,
        EarlyHelpReview,
        child_id=child.id,
        plan_id=plan.id,
        held_on=date(2025, 11, 20),
        life_improved="Breakfast most days.",
        child_voice="Mum makes toast now.",
        overall=Judgement.IMPROVED,
        decision=ReviewDecision.CONTINUE,
    )
    recording.record(
        store,
        Referral,
        child_id=child.id,
        started_on=date(2025, 12, 1),
        form={"child_views": "I don't want to go home on Fridays."},
    )
    entries = child_voice.child_voice(store, child.id)
    assert [e.source for e in entries] == ["referral", "early_help_review", "early_help_plan", "concern"]
    assert entries[0].words == "I don't want to go home on Fridays."
    last = child_voice.voice_last_recorded(store, child.id)
    assert last == date(2025, 12, 1)
    settings = LearningSettings(voice_max_age_days=90)
    assert child_voice.voice_prompt(last, last + timedelta(days=90), "Vee", settings) is None
    old = child_voice.voice_prompt(last, last + timedelta(days=91), "Vee", settings)
    assert old is not None and "01/12/2025" in old.title


# ---- exports ------------------------------------------------------------------------------------------------


def _pdf_text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def test_governors_summary_identifies_no_child(tmp_path: Path, make_vault: MakeVault) -> None:
    vault, _ = make_vault(tmp_path / "demo", school="Demo")
    try:
        store = RecordStore(vault)
        build_demo(store, children=12, seed=7, today=ON)
        children = store.all_of(Child)
        victim = children[0]
        # a DSL might write a child's name in a learning action; it must not reach the governors
        learning.seed_library(store)
        learning.record_what_we_will_change(
            store,
            learning.entry_id("persistent"),
            f"Review {victim.display_name}'s neglect concerns together, and everyone else's.",
            [FollowUp(what=f"Talk to {victim.legal_forename} {victim.legal_surname} about breakfast", due=ON)],
        )
        start, end = date(ON.year - 1, 9, 1), ON
        summary = learning_summary(store, start, end)
        assert summary.concerns > 0 and summary.by_category
        out = tmp_path / "governors.pdf"
        result = export_governors_pdf(store, start, end, out)
        assert result.pages >= 1
        text = _pdf_text(out)
        assert "OFFICIAL-SENSITIVE" in text and "[name removed]" in text
        flat = re.sub(r"\s+", " ", text)
        for child in children:
            for name in {child.legal_forename, child.legal_surname, child.known_as, child.display_name} - {""}:
                assert not re.search(rf"\b{re.escape(name)}\b", flat), name
            assert f"{child.dob:%d/%m/%Y}" not in flat
            assert str(child.id) not in flat
            for value in (child.upn, child.nhs_number):
                assert not value or value not in flat
        for person in store.all_of(Person):
            assert person.name not in flat
        ids = {str(r) for r in store.db.execute("SELECT id FROM records").fetchall()}
        assert not any(i in flat for i in ids)
    finally:
        vault.lock()


def test_redact_is_whole_word_and_case_insensitive() -> None:
    assert redact("Met ZARA and Zarah.", ["Zara"]) == "Met [name removed] and Zarah."


def test_supervision_record_pdf(store: RecordStore, tmp_path: Path) -> None:
    child = _add_child(store, "Remy")
    note = supervision.record_session(
        store,
        held_on=ON,
        supervisor="Mrs Fictional Supervisor",
        child_ids=[child.id],
        reflections="Could this happen here?",
        actions=[{"what": "Check attendance", "due": ON}],
    ).value
    out = tmp_path / "supervision.pdf"
    result = export_supervision_pdf(store, note.id, out)
    text = _pdf_text(out)
    assert result.pages == 1
    assert "Supervision record" in text and "Remy Fictional" in text and "Check attendance" in text
    assert "OFFICIAL-SENSITIVE" in text and "Page 1 of 1" in text
    assert isinstance(store.get(note.id), SupervisionNote)


def test_governors_summary_shows_small_counts_as_fewer_than_5(store: RecordStore, tmp_path: Path) -> None:
    """Counts of 1 to 4 could identify a child in a small school: each shows as "fewer than 5"; 0 stays 0."""
    child = store.add(_child())
    for day in (3, 10, 17):  # three neglect concerns about one child, one of them also attendance
        categories = [Category.NEGLECT, Category.ATTENDANCE] if day == 17 else [Category.NEGLECT]
        store.add(_concern(categories, DslDecision.MONITOR, child_id=child.id, observed_at=datetime(2026, 2, day, 9)))
    referral = _referral(ReferralOutcome.NO_FURTHER_ACTION)
    store.add(referral.model_copy(update={"child_id": child.id}))
    summary = learning_summary(store, date(2025, 9, 1), ON)
    assert summary.concerns == 3 and summary.children_with_concerns == 1  # the true numbers are kept inside
    out = tmp_path / "governors.pdf"
    export_governors_pdf(store, date(2025, 9, 1), ON, out)
    flat = re.sub(r"\s+", " ", _pdf_text(out))
    assert "Fewer than 5 concerns were recorded about fewer than 5 children." in flat
    assert "Fewer than 5 referrals (MASH contacts or requests for support) were sent." in flat
    assert "Neglect fewer than 5" in flat and "Attendance / missing education fewer than 5" in flat
    assert "No further action fewer than 5" in flat
    assert "0 disagreements were escalated" in flat
    counts = re.sub(r"Page \d+ of \d+", "", flat.split("Learning from reviews")[0])
    for n in "1234":
        assert not re.search(rf"(?<![\d/.:]){n}(?![\d/.:])", counts), n


def test_governors_count_boundaries() -> None:
    assert [governors_count(n) for n in (0, 1, 4, 5, 12)] == ["0", "fewer than 5", "fewer than 5", "5", "12"]


def test_knowledge_refresh_is_due_a_year_after_the_last_cpd_recorded(store: RecordStore) -> None:
    """KCSIE 2025: DSL training every two years, knowledge and skills refreshed at least annually."""
    settings = LearningSettings(knowledge_refresh_months=12)
    assert supervision.knowledge_refresh_today(store, date(2026, 3, 10), settings) == []  # nothing recorded yet
    supervision.record_cpd(store, training="DSL refresher training", attended_on=date(2025, 3, 10))
    assert supervision.knowledge_refresh_today(store, date(2026, 3, 9), settings) == []
    [item] = supervision.knowledge_refresh_today(store, date(2026, 3, 10), settings)
    assert item.due == date(2026, 3, 10) and not item.overdue and "since 10/03/2025" in item.title
    assert supervision.knowledge_refresh_today(store, date(2026, 3, 11), settings)[0].overdue
    assert any("knowledge update" in i.title for i in today(store, date(2026, 3, 10))["alerts"])
    supervision.record_cpd(store, training="Local DSL network meeting", attended_on=date(2026, 3, 11))
    assert supervision.knowledge_refresh_today(store, date(2026, 3, 12), settings) == []
    assert supervision.add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)

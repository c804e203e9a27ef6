"""The fictional demo caseload and the benchmark dataset: real vaults, real records, no mocks."""

from __future__ import annotations

import itertools
import unicodedata
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from support import MakeVault, VaultTemplates

from dslapp.demo import DemoSummary, build_demo, build_large
from dslapp.guidance.chronology_quality import load_config, opinion_hints
from dslapp.models import (
    Action,
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
    LearningNote,
    Person,
    Professional,
    Record,
    Referral,
    ReferralOutcome,
    ReferralStatus,
    ReviewDecision,
    SharingDecision,
    StatusChange,
    SupervisionNote,
    ThresholdDecision,
    Transfer,
    TransferDirection,
)
from dslapp.models.child import nhs_number_is_valid
from dslapp.models.early_help import PlanStatus
from dslapp.models.referral import ParentConsent
from dslapp.services import mash
from dslapp.services.children import open_child_file
from dslapp.services.today import today as todays_list
from dslapp.store import RecordStore
from dslapp.vault import audit

TODAY = date(2026, 3, 18)  # a fixed Wednesday in term time, so the checks below do not depend on the clock


@pytest.fixture(scope="module")
def built_demo(
    vault_templates: VaultTemplates, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[RecordStore, DemoSummary]]:
    """The default demo caseload, built once for this module in a vault of its own."""
    vault, _ = vault_templates.create(tmp_path_factory.mktemp("demo") / "vault", school="Fictional Test Academy")
    store = RecordStore(vault)
    yield store, build_demo(store, today=TODAY)
    vault.lock()


@pytest.fixture
def demo(built_demo: tuple[RecordStore, DemoSummary]) -> Iterator[tuple[RecordStore, DemoSummary]]:
    """The module's demo caseload, for tests that only read it: one that writes to it fails here."""
    store, _ = built_demo
    before = (audit.head(store.db), store.count(), store.db.scalar("SELECT count(*) FROM amendments"))
    yield built_demo
    after = (audit.head(store.db), store.count(), store.db.scalar("SELECT count(*) FROM amendments"))
    assert after == before, "a test wrote to the shared demo casebook: give it a demo of its own"


def _rows(store: RecordStore) -> list[tuple[Any, ...]]:
    sql = "SELECT id, kind, child_id, occurred_on, created_at, created_by, version, body FROM records ORDER BY id"
    return [tuple(row) for row in store.db.execute(sql)]


def _by_child(records: list[Any]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for record in records:
        out.setdefault(str(record.child_id), []).append(record)
    return out


# ---- the caseload ----------------------------------------------------------------------------------


def test_forty_children_in_every_status_and_the_summary_adds_up(demo: tuple[RecordStore, DemoSummary]) -> None:
    store, summary = demo
    children = store.all_of(Child)
    assert summary == DemoSummary(children=40, records=store.count(), concerns=store.count("concern"))
    assert len(children) == 40
    assert {c.status for c in children} == set(ChildStatus)
    assert summary.as_json() == {"children": 40, "records": store.count(), "concerns": store.count("concern")}
    assert audit.verify(store.db).ok


def test_the_same_seed_and_day_give_identical_records(
    demo: tuple[RecordStore, DemoSummary], tmp_path: Path, make_vault: MakeVault
) -> None:
    store, _ = demo
    with make_vault(tmp_path / "second", "Someone Else", "DSL", "pw")[0] as other:
        second = RecordStore(other)
        build_demo(second, today=TODAY)
        assert _rows(second) == _rows(store)
    with make_vault(tmp_path / "third", "Someone Else", "DSL", "pw")[0] as third_vault:
        third = RecordStore(third_vault)
        build_demo(third, today=TODAY, seed=7)
        assert {r[0] for r in _rows(third)}.isdisjoint({r[0] for r in _rows(store)})


def test_names_and_identifiers_are_obviously_fictional(demo: tuple[RecordStore, DemoSummary]) -> None:
    store, _ = demo
    children = store.all_of(Child)
    names = [f"{c.legal_forename} {c.legal_surname}" for c in children]
    assert len(set(names)) == len(names)
    scripts = {unicodedata.name(ch).split()[0] for name in names for ch in name if ch.isalpha()}
    assert {"GREEK", "CYRILLIC", "ARABIC", "LATIN"} <= scripts
    assert any(ch in "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ" for name in names for ch in name)  # Polish
    assert any("ğ" in name or "ı" in name for name in names)  # Turkish
    numbers = [c.nhs_number for c in children]
    assert len(set(numbers)) == len(numbers)
    assert all(n.startswith("999") and nhs_number_is_valid(n) for n in numbers)
    assert all(c.upn.startswith("DEMO") for c in children)
    for child in children:
        town, postcode = child.address.split(", ")[-2:]
        assert town in {"Fictionton", "Testbury", "Sampleford"}
        assert postcode[:2] in {"FT", "TB", "SF"}
        assert child.school == "Fictionton Primary Academy"
    phones = [p.phone for p in store.all_of(Person) if p.phone] + [p.phone for p in store.all_of(Professional)]
    assert phones and all(p.startswith(("07700 900", "01632 960")) for p in phones)
    assert all(p.email.endswith(".example.org") for p in store.all_of(Professional))


def test_every_child_has_a_household_and_statutory_cases_have_professionals(
    demo: tuple[RecordStore, DemoSummary],
) -> None:
    store, _ = demo
    people = _by_child(store.all_of(Person))
    professionals = _by_child(store.all_of(Professional))
    for child in store.all_of(Child):
        household = people.get(str(child.id), [])
        assert any(p.lives_with_child for p in household), child.display_name
        if child.status == ChildStatus.CLA:
            # the local authority shares PR with the birth parents; foster carers have none
            assert any(p.parental_responsibility and not p.lives_with_child for p in household)
            assert not any(p.parental_responsibility for p in household if "carer" in p.relationship.lower())
            assert any("reviewing officer" in p.role for p in professionals[str(child.id)])
        else:
            assert any(p.parental_responsibility for p in household), child.display_name
        if child.status in (ChildStatus.CIN, ChildStatus.CP, ChildStatus.CLA):
            assert any(p.key_contact and "ocial worker" in p.role for p in professionals[str(child.id)])
    partners = [p for ps in people.values() for p in ps if p.relationship == "Mum's partner"]
    assert partners and not any(p.parental_responsibility for p in partners)


def test_status_history_explains_each_child_s_current_status(demo: tuple[RecordStore, DemoSummary]) -> None:
    store, _ = demo
    changes = _by_child(store.all_of(StatusChange))
    for child in store.all_of(Child):
        history = sorted(changes.get(str(child.id), []), key=lambda c: c.changed_on)
        status = ChildStatus.UNIVERSAL
        for change in history:
            assert change.from_status == status and change.reason
            status = change.to_status
        assert status == child.status, child.display_name
        if history:
            assert child.status_since == history[-1].changed_on


def test_nothing_happens_in_the_future(demo: tuple[RecordStore, DemoSummary]) -> None:
    store, _ = demo
    end_of_yesterday = datetime.combine(TODAY, datetime.min.time())
    for concern in store.all_of(Concern):
        assert concern.observed_at <= concern.recorded_at < end_of_yesterday
        assert concern.observed_at.weekday() < 5
    assert all(r.held_on < TODAY for r in store.all_of(EarlyHelpReview))
    assert all(s.changed_on < TODAY for s in store.all_of(StatusChange))
    assert all(t.decided_on < TODAY for t in store.all_of(ThresholdDecision))
    for referral in store.all_of(Referral):
        assert referral.started_on <= (referral.sent_on or referral.started_on) < TODAY
        if referral.acknowledged_on and referral.sent_on:
            assert referral.sent_on <= referral.acknowledged_on < TODAY
        if referral.outcome_on and referral.sent_on:
            assert referral.sent_on <= referral.outcome_on < TODAY
    for entry in store.all_of(ChronologyEntry):
        assert entry.sort_date() < TODAY
    for record in store.db.execute("SELECT created_at FROM records"):
        assert datetime.fromisoformat(record[0]).date() < TODAY


def test_the_dsl_s_day_has_something_in_every_section(demo: tuple[RecordStore, DemoSummary]) -> None:
    store, _ = demo
    sections = todays_list(store, TODAY)
    for section in ("overdue_actions", "actions_due", "reviews_due", "referrals_awaiting", "transfers_awaiting"):
        assert sections[section], section
    assert any(i.overdue for i in sections["reviews_due"]) and any(not i.overdue for i in sections["reviews_due"])
    assert any(i.overdue for i in sections["referrals_awaiting"])  # past the date to chase
    actions = store.all_of(Action)
    assert any(a.done_on for a in actions) and any(a.is_overdue(TODAY) for a in actions)


# ---- the practice the demo shows -------------------------------------------------------------------


def test_a_plan_with_two_reviews_in_a_row_with_no_change_steps_up(demo: tuple[RecordStore, DemoSummary]) -> None:
    store, _ = demo
    reviews = store.all_of(EarlyHelpReview)
    found = []
    for plan in store.all_of(EarlyHelpPlan):
        own = sorted((r for r in reviews if r.plan_id == plan.id), key=lambda r: r.held_on)
        for first, second in itertools.pairwise(own):
            if first.overall == second.overall == Judgement.NO_CHANGE:
                found.append(second)
    assert found
    assert found[0].decision == ReviewDecision.STEP_UP
    referrals = store.for_child(found[0].child_id, Referral)
    assert any(r.awaiting_outcome and r.sent_on and r.sent_on >= found[0].held_on for r in referrals)


def test_a_cumulative_neglect_pattern_with_no_referral(demo: tuple[RecordStore, DemoSummary]) -> None:
    """Three neglect concerns in 90 days, none referred: what the cumulative neglect alert is for."""
    store, _ = demo
    window_start = TODAY - timedelta(days=90)
    clusters = []
    for child_id, concerns in _by_child(store.all_of(Concern)).items():
        neglect = [c for c in concerns if Category.NEGLECT in c.categories and c.observed_at.date() >= window_start]
        referred = any(c.dsl_decision.is_referral for c in concerns) or store.for_child(child_id, Referral)
        if len(neglect) >= 3 and not referred:
            clusters.append(child_id)
    assert clusters


def test_records_cover_the_range_of_practice(demo: tuple[RecordStore, DemoSummary]) -> None:
    store, _ = demo
    concerns = store.all_of(Concern)
    categories = Counter(cat for c in concerns for cat in c.categories)
    assert categories.most_common(1)[0][0] == Category.NEGLECT
    wanted = {Category.EMOTIONAL, Category.DOMESTIC_ABUSE, Category.PHYSICAL, Category.ONLINE, Category.MENTAL_HEALTH,
              Category.ATTENDANCE, Category.CHILD_ON_CHILD, Category.CCE, Category.PRIVATE_FOSTERING}  # fmt: skip
    assert wanted <= set(categories)
    # the child's own words, where the child said something (not, say, on a police notification)
    assert sum(bool(c.child_words) for c in concerns) >= 0.85 * len(concerns)
    not_referred = [c for c in concerns if c.dsl_decision in (DslDecision.NO_FURTHER_ACTION, DslDecision.MONITOR)]
    assert not_referred and all(c.decision_reasons for c in not_referred)
    assert any(c.dsl_decision == DslDecision.PENDING for c in concerns)
    assert {t.level for t in store.all_of(ThresholdDecision)} == {1, 2, 3, 4}
    assert all(set(t.evidence) <= {"child_development", "parenting_capacity", "family_environment"}
               for t in store.all_of(ThresholdDecision))  # fmt: skip

    referrals = store.all_of(Referral)
    assert {r.status for r in referrals} == set(ReferralStatus)
    assert {ReferralOutcome.NO_FURTHER_ACTION, ReferralOutcome.EARLY_HELP, ReferralOutcome.SINGLE_ASSESSMENT,
            ReferralOutcome.STRATEGY_S47} <= {r.outcome for r in referrals}  # fmt: skip
    assert any(r.consent == ParentConsent.NOT_TOLD and r.not_told_reason for r in referrals)
    assert all(r.reference.startswith("DEMO-MASH-") for r in referrals if r.sent_on)
    assert all(r.form for r in referrals)

    escalations = store.all_of(Escalation)
    assert {e.stage for e in escalations} >= {1, 2}
    assert all(e.referral_id for e in escalations)
    sharing = store.all_of(SharingDecision)
    assert {s.shared for s in sharing} == {True, False} and all(s.reasons for s in sharing)

    plans = store.all_of(EarlyHelpPlan)
    assert any(p.status == PlanStatus.CLOSED and p.closing_summary for p in plans)
    assert all(p.child_view and p.family_view and p.goals and p.taf_members for p in plans)
    reviews = store.all_of(EarlyHelpReview)
    assert {r.overall for r in reviews} == set(Judgement)
    assert {ReviewDecision.CONTINUE, ReviewDecision.REVISE_GOALS, ReviewDecision.STEP_UP, ReviewDecision.CLOSE} <= {
        r.decision for r in reviews
    }
    assert all(r.life_improved for r in reviews)

    entries = store.all_of(ChronologyEntry)
    assert {e.impact_kind for e in entries} == set(Impact)
    periods = [e.period for e in entries if e.on is None]
    assert any(p.isdigit() for p in periods)
    assert any("term" in p for p in periods) and any("Spring" in p for p in periods)
    curated = {e.source_record_id for e in entries if e.source_record_id}
    assert curated and curated <= {str(c.id) for c in concerns}

    transfers = store.all_of(Transfer)
    assert any(t.awaiting_receipt for t in transfers)
    incoming = [t for t in transfers if t.direction == TransferDirection.INCOMING]
    assert incoming
    receivers = {str(c.id): c for c in store.all_of(Child)}
    assert all(receivers[str(t.child_id)].received_from == t.other_school for t in incoming)

    notes: list[Record] = [*store.all_of(SupervisionNote), *store.all_of(LearningNote)]
    assert len(store.all_of(SupervisionNote)) >= 2 and len(store.all_of(LearningNote)) >= 2
    child_ids = set(receivers)
    assert all(str(i) in child_ids for n in notes if isinstance(n, SupervisionNote) for i in n.child_ids)


def test_the_writing_keeps_opinion_words_inside_quotes(demo: tuple[RecordStore, DemoSummary]) -> None:
    """Facts, not judgements: the app's own chronology hints find no opinion words outside quotes."""
    store, _ = demo
    config = load_config()
    texts: list[str] = []
    for c in store.all_of(Concern):
        texts += [c.what_happened, c.immediate_action, c.decision_reasons, c.outcome]
    for e in store.all_of(ChronologyEntry):
        texts += [e.event, e.impact, e.action_taken]
    for r in store.all_of(EarlyHelpReview):
        texts += [r.life_improved, r.decision_reasons]
    for p in store.all_of(EarlyHelpPlan):
        texts += [p.worries, p.working_well, p.closing_summary]
    for referral in store.all_of(Referral):
        texts += [*referral.form.values(), referral.not_told_reason, referral.without_consent_reason]
    found = [(hint.word, text) for text in texts for hint in opinion_hints(text, "event", config)]
    assert found == []


def test_every_sent_demo_enquiry_is_complete_once_printed(demo: tuple[RecordStore, DemoSummary]) -> None:
    """A DSL exploring the demo sees DRAFT only on the one enquiry still being drafted: every enquiry that was sent
    has every required answer once printed (the file fills what it holds; the story's DSL wrote the rest), and
    the draft keeps its gaps so the completeness check has something to show."""
    store, _ = demo
    incomplete: dict[str, list[str]] = {}
    drafts: dict[str, list[str]] = {}
    for referral in store.all_of(Referral):
        child_file = open_child_file(store, referral.child_id, audit=False)
        gaps = mash.completeness(mash.printed_enquiry(store, referral, child_file), child_file)
        missing = [gap.field for gap in gaps if gap.blocking]
        name = child_file.child.full_legal_name
        if referral.status == ReferralStatus.DRAFT:
            drafts[name] = missing
        elif missing:
            incomplete[name] = missing
        if referral.consent in (ParentConsent.TOLD_REFUSED, ParentConsent.TOLD_NOT_ASKED):
            assert referral.without_consent_reason or referral.status == ReferralStatus.DRAFT, name
        if referral.consent == ParentConsent.NOT_TOLD:
            assert referral.not_told_reason, name
    assert incomplete == {}
    assert len(drafts) == 1 and all(drafts.values()), drafts


# ---- options -------------------------------------------------------------------------------------------


def test_progress_is_reported_and_false_stops_the_build(store: RecordStore) -> None:
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return done < 5

    summary = build_demo(store, today=TODAY, progress=progress)
    assert calls == [(n, 41) for n in range(1, 6)]
    assert summary.children == 5 == store.count("child")
    assert summary.records == store.count()


def test_a_small_demo_on_today_s_date(store: RecordStore) -> None:
    summary = build_demo(store, children=7)
    assert summary.children == 7
    assert {c.status for c in store.all_of(Child)} == set(ChildStatus)


def test_a_larger_demo_cycles_through_the_statuses(store: RecordStore) -> None:
    summary = build_demo(store, children=70, seed=3, today=TODAY)
    assert summary.children == 70 == len({c.nhs_number for c in store.all_of(Child)})


# ---- the benchmark dataset -----------------------------------------------------------------------------


def test_build_large_gives_exactly_the_numbers_asked_for(store: RecordStore) -> None:
    summary = build_large(store, children=20, concerns=500, heaviest=100, today=TODAY)
    assert summary == DemoSummary(children=20, records=20 + 500 + 100, concerns=500)
    assert store.count("child") == 20 and store.count("concern") == 500 and store.count() == summary.records
    per_child = Counter(c.child_id for c in store.all_of(Concern))
    (heaviest, most), (_, next_most) = per_child.most_common(2)
    assert most == 100 and next_most < 100 and len(per_child) == 20
    assert len(store.for_child(heaviest, ChronologyEntry)) == 100 == store.count("chronology_entry")
    assert all(c.observed_at.date() < TODAY for c in store.all_of(Concern))
    assert store.search("breakfast")


def test_build_large_is_deterministic(store: RecordStore, tmp_path: Path, make_vault: MakeVault) -> None:
    build_large(store, children=5, concerns=60, heaviest=20, today=TODAY)
    with make_vault(tmp_path / "second", "Someone Else", "DSL", "pw")[0] as other:
        second = RecordStore(other)
        build_large(second, children=5, concerns=60, heaviest=20, today=TODAY)
        assert _rows(second) == _rows(store)


def test_a_large_school_demo_finishes_with_unique_professionals(store: RecordStore) -> None:
    """The name pools run out above a few hundred children; the generator must still finish."""
    summary = build_demo(store, children=1000, today=date(2026, 11, 23))
    assert summary.children == 1000
    from dslapp.models import Professional

    names = [p.name for p in store.all_of(Professional)]
    assert len(names) > 300

"""Today and the caseload's counts kept per child (issue 16).

Over random histories (children; concerns with and without neglect indicators; actions and their completion; Early
Help plans and reviews; referrals and their outcomes; escalations; court orders; CP file transfers; status changes;
amendments; acknowledgements) and days shown in any order, the kept Today always equals Today worked out from
scratch, and the kept caseload equals a fresh one. All names are fictional."""

from __future__ import annotations

import contextlib
import os
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from guidance_cases import MONDAY, at, child, concern, plan, review, sent_referral
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import VaultTemplates

from dslapp.errors import CasebookError
from dslapp.guidance.config import resolve
from dslapp.models import (
    Action,
    Category,
    Child,
    ChildStatus,
    Concern,
    CourtOrder,
    DslDecision,
    EarlyHelpPlan,
    Judgement,
    Referral,
    ReferralOutcome,
)
from dslapp.models.child import OrderType
from dslapp.models.transfer import Transfer, TransferDirection
from dslapp.services import recording, supervision
from dslapp.services import today as today_module
from dslapp.services.alerts import acknowledge_alert
from dslapp.services.children import change_status, open_child_file, refresh_child_file
from dslapp.services.escalation import escalate_referral_outcome
from dslapp.services.today import recompute_today, today
from dslapp.services.ui_support import caseload
from dslapp.store import RecordStore

NAMES = ["Amira", "Bea", "Cato", "Dilys"]
TEXTS = [
    "Arrived hungry and without a coat.",
    "Said there was no breakfast at home; very tired.",
    "Was happy in class and ate lunch.",
    "Late again, uniform unwashed.",
    "Not hungry today, had breakfast club.",
]
DAY = st.integers(-60, 260)
PICK = st.integers(0, 30)

operation = st.one_of(
    st.tuples(st.just("child"), st.sampled_from(list(ChildStatus))),
    st.tuples(
        st.just("concern"), PICK, DAY, st.sampled_from([Category.NEGLECT, Category.EMOTIONAL]),
        st.sampled_from(TEXTS), st.booleans(), st.sampled_from([DslDecision.MONITOR, DslDecision.PENDING]),
    ),
    st.tuples(st.just("amend_concern"), PICK, DAY, st.sampled_from(TEXTS)),
    st.tuples(st.just("action"), PICK, DAY),
    st.tuples(st.just("done"), PICK, DAY),
    st.tuples(st.just("plan"), PICK, DAY, st.one_of(st.none(), DAY)),
    st.tuples(st.just("review"), PICK, DAY, st.sampled_from(list(Judgement)), st.booleans()),
    st.tuples(st.just("referral"), PICK, DAY, st.booleans()),
    st.tuples(st.just("escalate"), PICK, DAY),
    st.tuples(st.just("order"), PICK, DAY, st.integers(0, 60)),
    st.tuples(st.just("transfer"), PICK, DAY),
    st.tuples(st.just("status"), PICK, DAY, st.sampled_from(list(ChildStatus))),
    st.tuples(st.just("acknowledge"), PICK, DAY),
    st.tuples(st.just("check"), DAY),
    st.tuples(st.just("check"), DAY),
)  # fmt: skip


def _pick(items: list[Any], index: int) -> Any:
    return items[index % len(items)] if items else None


def _apply(store: RecordStore, op: tuple[Any, ...], day: date) -> None:
    kind, children = op[0], store.all_of(Child)
    who = _pick(children, op[1]) if kind not in ("child", "check") else None
    if kind == "child":
        name = NAMES[len(children) % len(NAMES)] + "x" * (len(children) // len(NAMES))
        made = child(store, name, "Testchild")
        if op[1] != ChildStatus.UNIVERSAL:
            change_status(store, made.id, op[1], MONDAY, "Set for the test")
        return
    if who is None:
        return
    if kind == "concern":
        _, _, _, category, text, words, decision = op
        concern(
            store, who, day, categories=[category], what_happened=text, decision=decision,
            child_words="I was hungry." if words else "", reasons="Monitoring in school.",
        )  # fmt: skip
    elif kind == "amend_concern" and (found := _pick(store.for_child(who.id, Concern), op[1])) is not None:
        recording.amend(
            store, found.id, "Corrected after speaking to the teacher",
            observed_at=at(day).isoformat(), what_happened=op[3],
        )  # fmt: skip
    elif kind == "action":
        recording.record(store, Action, child_id=who.id, what="Phone home", owner="Ms T. Fictional", due=day)
    elif kind == "done" and (found := _pick(store.for_child(who.id, Action), op[1])) is not None:
        recording.amend(store, found.id, "Done", done_on=day.isoformat())
    elif kind == "plan":
        next_review = MONDAY + timedelta(days=op[3]) if op[3] is not None else None
        plan(store, who, day, next_review=next_review)
    elif kind == "review" and (made := _pick(store.for_child(who.id, EarlyHelpPlan), op[1])) is not None:
        life = "Services are in place and the family attend meetings." if op[4] else "Amira eats breakfast daily."
        review(store, made, day, op[3], life_improved=life)
    elif kind == "referral":
        if op[3]:
            sent_referral(store, who, day, outcome=ReferralOutcome.NO_FURTHER_ACTION, outcome_on=day + timedelta(5))
        else:
            sent_referral(store, who, day)
    elif kind == "escalate" and (found := _pick(store.for_child(who.id, Referral), op[1])) is not None:
        escalate_referral_outcome(store, found.id, day, "The concerns continue after no further action.")
    elif kind == "order":
        recording.record(
            store, CourtOrder, child_id=who.id, order_type=OrderType.PROHIBITED_STEPS, restricts="Mr Fictional Adult",
            must_not_collect=True, starts_on=day, ends_on=day + timedelta(days=op[3]),
        )  # fmt: skip
    elif kind == "transfer":
        recording.record(
            store, Transfer, child_id=who.id, direction=TransferDirection.OUTGOING,
            other_school="Fictional Road Primary", sent_on=day,
        )  # fmt: skip
    elif kind == "status":
        change_status(store, who.id, op[3], day, "Status changed for the test")
    elif kind == "acknowledge":
        alerts = [a for a in recompute_today(store, day)["alerts"] if a.child_id == str(who.id) and a.key]
        if alerts:
            acknowledge_alert(store, _pick(alerts, op[1]), "Reviewed the pattern with the deputy DSL.", day)


@settings(
    max_examples=int(os.environ.get("TODAY_EXAMPLES", "100")),  # each with several days checked
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(ops=st.lists(operation, min_size=3, max_size=24))
def test_kept_today_equals_a_full_recompute(vault_templates: VaultTemplates, ops: list[tuple[Any, ...]]) -> None:
    with tempfile.TemporaryDirectory(prefix="today-property-") as tmp:
        vault, _ = vault_templates.create(Path(tmp) / "vault")
        store = RecordStore(vault)
        try:
            child(store, "Zed", "Seedchild")
            checks, checked = 0, list[date]()
            for op in [*ops, ("check", 0), ("check", 400)]:
                day = MONDAY + timedelta(days=op[-1] if op[0] == "check" else op[2] if len(op) > 2 else 0)
                if op[0] == "check":
                    checks += 1
                    for shown in dict.fromkeys([*checked[-2:], day]):  # days shown before (kept since), then this one
                        expected = recompute_today(store, shown)
                        assert today(RecordStore(vault), shown) == expected  # as an unlock reads it: kept rows
                        assert today(store, shown) == expected  # kept in memory while the casebook is open
                    checked.append(day)
                    assert caseload(store, day) == caseload(RecordStore(vault), day)  # kept counts == fresh
                    continue
                with contextlib.suppress(CasebookError):  # an amendment that changes nothing, a refused record
                    _apply(store, op, day)
            assert checks >= 2
        finally:
            vault.lock()


@settings(
    max_examples=int(os.environ.get("TODAY_EXAMPLES", "100")) // 3,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(ops=st.lists(operation, min_size=3, max_size=16), shown=DAY)
def test_a_child_brought_up_to_date_from_new_records_equals_a_full_recompute(
    vault_templates: VaultTemplates, ops: list[tuple[Any, ...]], shown: int
) -> None:
    """With a class-sized caseload each save changes one child in twenty, so Today adds that child's new records to
    what it read before instead of reading them again: the answer must be the same."""
    with tempfile.TemporaryDirectory(prefix="today-held-") as tmp:
        vault, _ = vault_templates.create(Path(tmp) / "vault")
        store = RecordStore(vault)
        try:
            for n in range(24):
                child(store, f"Classmate{n}", "Fictionalchild")
            on = MONDAY + timedelta(days=shown)  # the day on the DSL's screen while they save
            today(store, on)
            for op in ops:
                day = MONDAY + timedelta(days=op[2] if len(op) > 2 and op[0] != "check" else 0)
                if op[0] != "check":
                    with contextlib.suppress(CasebookError):
                        _apply(store, (op[0], 0, *op[2:]) if op[0] != "child" else op, day)
                assert today(store, on) == recompute_today(store, on)  # after every change: one child at a time
        finally:
            vault.lock()


def _class_of(store: RecordStore, size: int = 24) -> Child:
    """A class of fictional children (so one child's change is worked out alone), and Amira among them."""
    for n in range(size):
        child(store, f"Classmate{n}", "Fictionalchild")
    return child(store)


def test_concerns_saved_one_by_one_raise_the_neglect_pattern_from_the_new_records_alone(store: RecordStore) -> None:
    amira = _class_of(store)
    on = MONDAY + timedelta(days=40)
    today(store, on)
    for days in (3, 10, 17, 24):
        concern(store, amira, MONDAY + timedelta(days=days), what_happened="Arrived hungry and without a coat.")
        assert today(store, on) == recompute_today(store, on)
    assert str(amira.id) in store.derived["today"].held.children  # brought up to date, not read again
    assert any(a.child_id == str(amira.id) and "neglect" in a.rule_id for a in today(store, on)["alerts"])


def test_a_save_rolled_back_leaves_today_and_the_caseload_as_the_records_are(store: RecordStore) -> None:
    amira = _class_of(store)
    on = MONDAY + timedelta(days=40)
    today(store, on)
    caseload(store, on)
    concern(store, amira, MONDAY + timedelta(days=3), what_happened="Arrived hungry and without a coat.")
    today(store, on)  # amira read again alone: held, and brought up to date from new records from now on
    caseload(store, on)
    with contextlib.suppress(RuntimeError), store.db.transaction():
        recording.record(store, Action, child_id=amira.id, what="Phone home", owner="Ms T. Fictional", due=MONDAY)
        raise RuntimeError("the write failed after the record was added")
    assert today(store, on) == recompute_today(store, on)
    assert caseload(store, on, audit=False) == caseload(RecordStore(store.vault), on, audit=False)


def test_only_the_changed_child_is_read_again(store: RecordStore) -> None:
    amira, bea = child(store), child(store, "Bea", "Otherchild")
    on = MONDAY + timedelta(days=30)
    concern(store, amira, MONDAY)
    first = today(store, on)
    kept = dict(store.derived["today"].children)
    recording.record(store, Action, child_id=bea.id, what="Phone home", owner="Ms T. Fictional", due=MONDAY)
    second = today(store, on)
    children = store.derived["today"].children
    assert children[str(amira.id)] is kept[str(amira.id)]  # not worked out again
    assert children[str(bea.id)] is not kept[str(bea.id)]
    assert second == recompute_today(store, on) and second != first


def test_a_file_brought_up_to_date_equals_the_file_read_whole(store: RecordStore) -> None:
    amira, bea = child(store), child(store, "Bea", "Otherchild")
    first = concern(store, amira, MONDAY + timedelta(days=10))
    concern(store, amira, MONDAY + timedelta(days=20))
    generation = store.generation
    shown = open_child_file(store, amira.id, audit=False)

    concern(store, amira, MONDAY)  # earlier than the others: it goes first, as a whole read puts it
    concern(store, bea, MONDAY)
    recording.amend(store, first.id, "Corrected the time", observed_at=at(MONDAY + timedelta(days=30)).isoformat())
    recording.record(store, Action, child_id=amira.id, what="Phone home", owner="Ms T. Fictional", due=MONDAY)
    change_status(store, amira.id, ChildStatus.EARLY_HELP, MONDAY + timedelta(days=31), "Early Help started")

    fresh = refresh_child_file(store, shown, generation)
    assert fresh == open_child_file(store, amira.id, audit=False)
    assert refresh_child_file(store, shown, -1) is None  # never read: read it whole


def test_an_unlock_reads_the_kept_findings_and_works_out_only_changed_children(vault_templates: VaultTemplates) -> None:
    with tempfile.TemporaryDirectory(prefix="today-kept-") as tmp:
        vault, _ = vault_templates.create(Path(tmp) / "vault")
        try:
            store = RecordStore(vault)
            amira, bea, cato = child(store), child(store, "Bea", "Otherchild"), child(store, "Cato", "Thirdchild")
            for n in range(40):  # enough children that two stale ones are worked out one at a time
                child(store, f"Classmate{n}", "Fictionalchild")
            on = MONDAY + timedelta(days=30)
            concern(store, amira, MONDAY, what_happened="Arrived hungry and without a coat.")
            today(store, on)  # worked out and kept

            reads: list[str] = []
            unlocked = RecordStore(vault)
            original = unlocked.for_child
            unlocked.for_child = lambda child_id, *kinds: reads.append(str(child_id)) or original(child_id, *kinds)  # type: ignore[method-assign]
            assert today(unlocked, on) == recompute_today(store, on)
            assert reads == []  # nothing changed since: no child's records read

            # a record written elsewhere (another session, a team member's change merged in) makes its child stale
            RecordStore(vault).add(Action(child_id=bea.id, what="Phone home", owner="Ms T. Fictional", due=on))
            dora = child(store, "Dora", "Newchild")  # and a new child joins the roster
            again = RecordStore(vault)
            original_again = again.for_child
            again.for_child = lambda child_id, *kinds: reads.append(str(child_id)) or original_again(child_id, *kinds)  # type: ignore[method-assign]
            assert today(again, on) == recompute_today(store, on)
            assert sorted(reads) == sorted([str(bea.id), str(dora.id)])
            assert str(cato.id) not in reads

            # an amendment made elsewhere (the overdue action marked done) makes its child stale too
            overdue = recording.record(
                store, Action, child_id=cato.id, what="Ring the GP", owner="Ms T. Fictional", due=MONDAY
            ).value
            assert [i.child_id for i in today(RecordStore(vault), on)["overdue_actions"]] == [str(cato.id)]
            recording.amend(RecordStore(vault), overdue.id, "Rang the GP", done_on=on.isoformat())
            assert today(RecordStore(vault), on)["overdue_actions"] == []
            assert today(RecordStore(vault), on) == recompute_today(store, on)
        finally:
            vault.lock()


def test_findings_kept_under_other_settings_or_another_day_are_not_trusted(store: RecordStore) -> None:
    amira = child(store)
    on = MONDAY + timedelta(days=30)
    recording.record(store, Action, child_id=amira.id, what="Phone home", owner="Ms T. Fictional", due=on)
    today(store, on)
    cfg = resolve(None)
    same = cfg.model_copy(update={"alerts": cfg.alerts.model_copy()})
    assert today_module._fingerprint(same) == today_module._fingerprint(cfg)  # same settings, same rows
    cumulative = cfg.neglect.cumulative.model_copy(update={"days": cfg.neglect.cumulative.days + 1})
    other = cfg.model_copy(update={"neglect": cfg.neglect.model_copy(update={"cumulative": cumulative})})
    assert today_module._fingerprint(other) != today_module._fingerprint(cfg)
    later = on + timedelta(days=9)  # the action is overdue by then: the row kept for ``on`` no longer holds
    assert today(RecordStore(store.vault), later) == recompute_today(store, later)
    assert [i.section for i in today(RecordStore(store.vault), later)["overdue_actions"]] == ["overdue_actions"]


def test_today_again_shows_a_casebook_wide_item_added_when_no_child_changed(store: RecordStore) -> None:
    """Today again reuses the children's alerts merged in order, but never the casebook-wide items around them: a
    lapsed CPD refresher (nobody's child) recorded between two Todays shows in the second."""
    amira = child(store)
    on = MONDAY + timedelta(days=30)
    concern(store, amira, MONDAY)
    first = today(store, on)
    supervision.record_cpd(store, training="DSL refresher training", attended_on=on - timedelta(days=800))
    second = today(store, on)
    assert second == recompute_today(store, on) and second != first
    assert any("refresher" in item.title.lower() for item in second["alerts"])
    assert today(store, on) == second

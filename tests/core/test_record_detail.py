"""Reading one record for its reading pane (``services.record_detail``): the record, its amendments and the records
its view names, found without reading the child's whole file; what the view says of its links is what it says when
given the whole file. Fictional data only."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from attachment_files import pdf_with

from dslapp.errors import RecordNotFound
from dslapp.models import (
    Category,
    Child,
    ChronologyEntry,
    Concern,
    EarlyHelpPlan,
    Record,
    Referral,
    ReferralOutcome,
    ReferralStatus,
)
from dslapp.services import attachments, recording
from dslapp.services.children import add_child
from dslapp.services.record_detail import record_detail
from dslapp.store import RecordStore
from dslapp.views.links import link_lines


def _child(store: RecordStore, forename: str = "Zofia") -> Child:
    child: Child = add_child(store, legal_forename=forename, legal_surname="Testowska", dob=date(2015, 5, 17)).value
    return child


def _record(store: RecordStore, kind: type[Record], **fields: Any) -> Any:
    return recording.record(store, kind, **fields).value


def _concern(store: RecordStore, child: Child, day: int, text: str, **extra: Any) -> Concern:
    concern: Concern = _record(
        store,
        Concern,
        child_id=child.id,
        observed_at=datetime(2026, 3, day, 9, 0),
        reporter_name="Mr T. Fictional",
        categories=[Category.NEGLECT],
        what_happened=text,
        significant=True,
        **extra,
    )
    return concern


def test_the_detail_names_what_the_whole_file_names_and_reads_no_more(
    store: RecordStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    child = _child(store)
    first = _concern(store, child, 2, "Hungry at breakfast club.")
    others = [_concern(store, child, 3 + n, f"Late again ({n}).") for n in range(5)]
    referral: Referral = _record(
        store,
        Referral,
        child_id=child.id,
        started_on=date(2026, 3, 4),
        status=ReferralStatus.OUTCOME,
        sent_on=date(2026, 3, 4),
        reference="MASH-TEST-1",
        concern_ids=[first.id],
        outcome=ReferralOutcome.NO_FURTHER_ACTION,
        outcome_on=date(2026, 3, 11),
    )
    later = _concern(store, child, 20, "Hungry again; no packed lunch.", follows_id=referral.id)
    plan: EarlyHelpPlan = _record(
        store, EarlyHelpPlan, child_id=child.id, started_on=date(2026, 3, 12), started_from_id=first.id
    )
    file = attachments.attach_file(store, child.id, pdf_with("Fictional note"), file_name="note.pdf", to=first.id)
    other_child = _child(store, "Ola")
    _concern(store, other_child, 5, f"Mentions {first.id} in passing.")  # another child's record naming the id
    store.amend(first.id, {"what_happened": "Hungry at breakfast club; said there was no food."}, "Fuller account")
    whole = store.for_child(child.id)

    reads: list[str] = []
    for_child = store.for_child
    monkeypatch.setattr(store, "for_child", lambda *a, **k: (reads.append("for_child"), for_child(*a, **k))[1])
    for record in (first, referral, later, plan, others[0], file.value):
        detail = record_detail(store, record.id)
        assert detail.record.id == record.id
        assert link_lines(detail.record, detail.related) == link_lines(detail.record, whole)
        assert {r.id for r in detail.related} <= {r.id for r in whole}  # never another child's record
    assert reads == []  # no record kind read whole for the child

    of_first = record_detail(store, first.id)
    assert {r.id for r in of_first.related} == {referral.id, plan.id, file.value.id}
    assert len(of_first.amendments) == 1 and of_first.amendments[0].reason == "Fuller account"
    assert "no food" in of_first.record.what_happened  # type: ignore[attr-defined]
    assert {r.id for r in record_detail(store, referral.id).related} == {first.id, later.id}
    assert record_detail(store, others[0].id).related == ()
    alone = record_detail(store, first.id, related=False)
    assert alone.related == () and len(alone.amendments) == 1
    with pytest.raises(RecordNotFound):
        record_detail(store, "00000000-0000-4000-8000-000000000000")


def test_a_manual_entry_is_read_with_its_amendments(store: RecordStore) -> None:
    child = _child(store)
    entry: ChronologyEntry = _record(
        store, ChronologyEntry, child_id=child.id, on=date(2026, 1, 5), event="Moved house.", source="Mum"
    )
    store.amend(entry.id, {"event": "Moved house within Fictionton."}, "Where to")
    detail = record_detail(store, entry.id)
    assert isinstance(detail.record, ChronologyEntry) and detail.record.event == "Moved house within Fictionton."
    assert [a.reason for a in detail.amendments] == ["Where to"] and detail.related == ()

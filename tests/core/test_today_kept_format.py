"""Today's kept rows (format 2) give back items equal to those kept, whatever their fields hold."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from dslapp.guidance.alerts import AlertItem
from dslapp.services.kept import KeptFinding
from dslapp.services.today import ChildToday, _from_kept, _in_order, _order, _to_json
from dslapp.views.today import TodayItem

CHILD = "11111111-1111-4111-8111-111111111111"
ids = st.sampled_from(["a", "b", "c", "r-1", CHILD])
days = st.none() | st.dates(date(2020, 1, 1), date(2030, 12, 31))
text = st.text(max_size=12)


@st.composite
def items(draw: st.DrawFn) -> TodayItem:
    child_id = draw(st.sampled_from([CHILD, CHILD, "another-child"]))
    common = dict(
        section=draw(st.sampled_from(["alerts", "overdue_actions"])),
        child_id=child_id,
        child_name=draw(st.sampled_from(["Ann", "Bo"])),
        record_id=draw(ids),
        title=draw(text),
        due=draw(st.none() | st.sampled_from([date(2026, 1, 1), date(2026, 2, 1)])),
        overdue=draw(st.booleans()),
        rule_id=draw(st.sampled_from(["", "cumulative_neglect"])),
        banner=draw(text),
    )
    if not draw(st.booleans()):
        return TodayItem(**common)  # type: ignore[arg-type]
    record_ids = tuple(draw(st.lists(ids, max_size=4)))
    if draw(st.booleans()):
        record_ids = (common["record_id"], *record_ids)  # type: ignore[assignment]
    usual = f"{common['rule_id']}:{child_id}:{common['record_id']}"
    return AlertItem(
        **common,  # type: ignore[arg-type]
        reason=draw(text),
        record_ids=record_ids,
        key=draw(st.sampled_from([usual, "", "other:key"])),
        acknowledged_on=draw(days),
        acknowledged_note=draw(text),
    )


@given(st.lists(items(), max_size=6), text)
def test_kept_row_gives_back_equal_items(listed: list[TodayItem], banner: str) -> None:
    by_section: dict[str, list[TodayItem]] = {}
    for item in listed:
        by_section.setdefault(item.section, []).append(item)
    held = ChildToday(CHILD, by_section, date(2026, 12, 3), date(2026, 12, 10), banner)
    kept = KeptFinding(CHILD, held.on, held.until, json.dumps(_to_json(held), ensure_ascii=False))
    back = _from_kept(kept)
    assert back == held
    assert [type(i) for items in back.items.values() for i in items] == [
        type(i) for items in held.items.values() for i in items
    ]


@given(st.lists(items(), max_size=8), st.lists(items(), max_size=8), st.lists(items(), max_size=8))
def test_merging_keeps_the_order_of_one_stable_sort(
    first: list[TodayItem], middle: list[TodayItem], last: list[TodayItem]
) -> None:
    """Today merges the casebook-wide rules' items into the children's (kept in order) instead of sorting them
    all again: the result is what one stable sort of them all gives."""
    middle = sorted(middle, key=_order)
    assert _in_order(first, middle, last) == sorted([*first, *middle, *last], key=_order)

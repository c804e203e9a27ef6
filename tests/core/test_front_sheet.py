"""The child's record as it first paints (issue 16): the front sheet's counts, voice and practice alerts are what a
read of the whole file gives, and a front sheet brought up to date after writes equals one read afresh."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

from dslapp.models import (
    Action,
    Attachment,
    Category,
    Child,
    Concern,
    EarlyHelpPlan,
    Person,
    Referral,
)
from dslapp.models.attachment import MediaType
from dslapp.services import alerts, child_voice, front_sheet, today
from dslapp.services.children import open_child_file
from dslapp.store import RecordStore
from dslapp.views.child_file import RecordCounts

SHA = "0" * 64
TODAY = date.today()


def _seed(store: RecordStore) -> Child:
    child = store.add(Child(legal_forename="Ola", legal_surname="Testchild", dob=date(2014, 6, 1)))
    for n in range(9):
        store.add(
            Concern(
                child_id=child.id, observed_at=datetime.now() - timedelta(days=11 * n + 1),
                reporter_name="Ms Class Teacher", categories=[Category.NEGLECT],
                what_happened=f"No PE kit and hungry (visit {n}).", child_words="Nobody woke me." if n % 2 else "",
            )
        )  # fmt: skip
    store.add(
        Concern(child_id=child.id, observed_at=datetime(2019, 3, 4, 9, 0), reporter_name="Mr Old Record",
                categories=[Category.EMOTIONAL], what_happened="Long ago.", child_words="I miss Gran.")
    )  # fmt: skip
    store.add(Action(child_id=child.id, what="Phone Mum", owner="DSL", due=TODAY, done_on=TODAY))
    store.add(Action(child_id=child.id, what="Check attendance", owner="DSL", due=TODAY + timedelta(days=3)))
    for withdrawn in (False, True):
        store.add(
            Attachment(
                child_id=child.id, media_type=MediaType.PDF, size=10, stored_sha256=SHA, original_sha256=SHA,
                attached_on=TODAY, file_name="letter.pdf", withdrawn=withdrawn,
            )
        )  # fmt: skip
    store.add(EarlyHelpPlan(child_id=child.id, started_on=TODAY - timedelta(days=30), child_view="I like football."))
    store.add(Person(child_id=child.id, name="Ms Parent Example", relationship="Mother", parental_responsibility=True))
    return child


def test_the_front_sheet_answers_as_the_whole_file_does(store: RecordStore) -> None:
    child = _seed(store)
    front = front_sheet.read_front_sheet(store, child.id, TODAY)
    whole = open_child_file(store, child.id, audit=False)
    assert front.counts == RecordCounts.of(whole)
    assert front.counts == RecordCounts(concerns=10, open_actions=1, early_help=1, attachments=1)
    assert front.file.concerns == [] and front.file.actions == [] and front.file.people == whole.people
    assert front.panels.alerts == alerts.practice_alerts(store, TODAY, child_id=child.id)
    assert front.panels.alerts  # the neglect pattern: the comparison covers the rules
    voice = child_voice.child_voice(store, child.id)
    assert front.panels.voice_complete  # fewer than the panel shows: every one read
    assert sorted(front.panels.voice, key=str) == sorted(voice, key=str)
    assert [e.on for e in front.panels.voice] == [e.on for e in voice]  # newest first
    last, prompt = child_voice.voice_check(store, child.id, TODAY)
    assert (front.panels.voice_last, front.panels.voice_prompt) == (last, prompt)


def test_a_front_sheet_brought_up_to_date_equals_one_read_afresh(store: RecordStore) -> None:
    child = _seed(store)
    front = front_sheet.read_front_sheet(store, child.id, TODAY)
    concern = store.add(
        Concern(child_id=child.id, observed_at=datetime.now() - timedelta(hours=1), reporter_name="Ms Lunch Supervisor",
                categories=[Category.NEGLECT], what_happened="Ate two lunches.", child_words="There's no food at home.")
    )  # fmt: skip
    oldest = store.for_child(child.id, Concern)[0]
    store.amend(oldest.id, {"child_words": "Said later: the heating is off."}, "Added from a later talk.")
    store.add(Referral(child_id=child.id, started_on=TODAY))
    store.add(Action(child_id=child.id, what="Speak to Mum", owner="DSL", due=TODAY, source_id=str(concern.id)))
    again = front_sheet.refresh_front_sheet(store, front, TODAY)
    fresh = front_sheet.read_front_sheet(store, child.id, TODAY, audit=False)
    assert again.file == fresh.file
    assert again.counts == fresh.counts and again.counts.referrals == 1 and again.counts.open_actions == 2
    assert again.panels == fresh.panels
    assert again.panels.voice[0].words == "There's no food at home."
    assert front_sheet.refresh_front_sheet(store, again, TODAY) is again  # nothing written since: nothing read


def test_a_long_file_opens_on_its_newest_words_and_the_alerts_today_found(store: RecordStore) -> None:
    child = store.add(Child(legal_forename="Ola", legal_surname="Testchild", dob=date(2014, 6, 1)))
    start = datetime.now() - timedelta(days=400)
    for n in range(130):  # two and a half years of concerns, most with the child's words
        store.add(
            Concern(
                child_id=child.id, observed_at=start + timedelta(days=3 * n), reporter_name="Ms Class Teacher",
                categories=[Category.NEGLECT], what_happened=f"Hungry again (visit {n}).",
                child_words=f"There was no tea, day {n}." if n % 4 else "",
            )
        )  # fmt: skip
    read: list[str] = []
    bodies = store.newest_bodies

    def counted(kind: str, child_id: object) -> Iterator[tuple[str, str]]:
        for row in bodies(kind, child_id):  # type: ignore[arg-type]
            read.append(row[0])
            yield row

    store.newest_bodies = counted  # type: ignore[method-assign]
    front = front_sheet.read_front_sheet(store, child.id, TODAY)
    voice = child_voice.child_voice(store, child.id)
    shown = front.panels.voice
    assert not front.panels.voice_complete and len(shown) == front_sheet.VOICE_FIRST
    assert sorted(shown, key=str) == sorted(voice[: len(shown)], key=str) and shown[0].on == voice[0].on
    assert len(read) < 100  # the newest concerns only, not all 130
    last, prompt = child_voice.voice_check(store, child.id, TODAY)
    assert (front.panels.voice_last, front.panels.voice_prompt) == (last, prompt)
    assert front.panels.alerts == alerts.practice_alerts(store, TODAY, child_id=child.id) != []
    today.today(store, TODAY)  # Today worked out: the Overview takes the child's alerts from it
    assert front_sheet.read_front_sheet(store, child.id, TODAY).panels.alerts == front.panels.alerts


def test_reading_the_newest_concerns_and_stopping_leaves_no_statement_open(store: RecordStore) -> None:
    child = _seed(store)
    rows = store.newest_bodies(Concern.KIND, child.id)
    first = next(rows)
    rows.close()  # the reader stopped early
    assert first[0] == str(store.for_child(child.id, Concern)[-1].id)  # the newest first
    with store.db.transaction():  # a write after it commits: nothing of the read is left in progress
        store.add(Action(child_id=child.id, what="Ring the school nurse", owner="DSL", due=TODAY))

"""Learning cards at the moment of decision: which the rules of ``dslapp.guidance.learning_cards`` choose, shown
once per record and event (remembered as ``LearningCardShown`` records, audited), and dismissed."""

from __future__ import annotations

import uuid
from datetime import date

from dslapp.guidance.learning_cards import LearningCard, select_cards
from dslapp.models import LearningCardShown, Record
from dslapp.services.changes import Changes
from dslapp.services.results import Saved
from dslapp.store import RecordStore


def already_shown(store: RecordStore, record_id: uuid.UUID | str, event: str) -> list[LearningCardShown]:
    return store.find(LearningCardShown, record_id=str(record_id), event=event)


def cards_to_show(store: RecordStore, record: Record, event: str, on: date) -> Saved[list[LearningCard]]:
    """Cards for ``record`` at ``event`` not shown before, remembered now as shown on ``on``."""
    shown = {s.card_id for s in already_shown(store, record.id, event)}
    cards = [c for c in select_cards(record, event) if f"{c.card_id}:{c.entry_key}" not in shown]
    if not cards:
        return Saved([], Changes())
    store.add_many(
        [
            LearningCardShown(
                record_id=str(record.id),
                event=event,
                card_id=f"{c.card_id}:{c.entry_key}",
                shown_on=on,
                created_by=store.vault.user.name,
            )
            for c in cards
        ]
    )
    return Saved(cards, Changes.of(LearningCardShown.KIND))


def dismiss_card(store: RecordStore, card: LearningCard) -> Saved[None]:
    """The DSL dismissed the card (it was already remembered as shown; note the dismissal)."""
    for shown in already_shown(store, card.record_id, card.event):
        if shown.card_id == f"{card.card_id}:{card.entry_key}" and not shown.dismissed:
            store.amend(shown.id, {"dismissed": True}, "Learning card dismissed")
            return Saved(None, Changes.of(LearningCardShown.KIND))
    return Saved(None, Changes())

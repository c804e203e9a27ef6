"""The school roll: read an export, preview it, import it, and find roll pupils while a concern is recorded."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dslapp.models import Child
from dslapp.models.roll import RollPupil
from dslapp.services import roll
from dslapp.services.casebook import Casebook
from dslapp.services.roll import ColumnMapping, RollPreview, RollReport, RollTable
from ui.operations.results import Wrote
from ui.operations.runner import Failed
from ui.operations.session import Session


@dataclass(frozen=True)
class OpenedRoll:
    """An export as read, with the mapping to start from (the school's remembered columns, the rest guessed)."""

    path: Path
    table: RollTable
    mapping: ColumnMapping


def read_roll(session: Session, path: Path, on_done: Callable[[OpenedRoll], None], on_error: Failed, **kw: Any) -> None:
    def work(store: Casebook) -> OpenedRoll:
        table = roll.read_roll_file(path)
        return OpenedRoll(path, table, roll.mapping_for(store, table))

    session.run(work, on_done, on_error, **kw)


def preview_roll(
    session: Session,
    table: RollTable,
    mapping: ColumnMapping,
    on_done: Callable[[RollPreview], None],
    on_error: Failed,
    **kw: Any,
) -> None:
    session.run(lambda store: roll.preview_roll(store, table, mapping), on_done, on_error, **kw)


def import_roll(
    session: Session,
    table: RollTable,
    mapping: ColumnMapping,
    add: Collection[str],
    update: Collection[str],
    on_done: Wrote[RollReport],
    on_error: Failed,
    **kw: Any,
) -> None:
    session.write(
        lambda store: roll.import_roll(store, table, mapping, add=add, update=update), on_done, on_error, **kw
    )


def load_roll_pupils(session: Session, on_done: Callable[[list[RollPupil]], None], **kw: Any) -> None:
    """Roll pupils without a file yet (the concern dialog offers them after the children)."""
    session.run(roll.pupils_without_a_file, on_done, **kw)


def add_child_from_roll(session: Session, pupil_key: str, on_done: Wrote[Child], on_error: Failed, **kw: Any) -> None:
    session.write(lambda store: roll.add_child_from_roll(store, pupil_key), on_done, on_error, **kw)

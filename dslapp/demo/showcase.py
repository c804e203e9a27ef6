"""The showcase caseload (``dslapp demo``): the hand-written stories, then template children."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

from dslapp.demo.build_state import BuildState
from dslapp.demo.case_file import CaseFile
from dslapp.demo.generic.caseload import GENERIC_ORDER, generic_case
from dslapp.demo.stories import STORIES
from dslapp.demo.stories.staff_notes import staff_notes
from dslapp.demo.summary import DemoSummary, Progress
from dslapp.models import Concern
from dslapp.store import RecordStore


def _remember_child(key: str, build: Callable[[BuildState], CaseFile]) -> Callable[[BuildState], CaseFile]:
    """``build``, noting the child's id under ``key`` so the DSL's notes can link to the story children."""

    def make(d: BuildState) -> CaseFile:
        case = build(d)
        d.story_children[key] = case.child.id
        return case

    return make


def _caseload(children: int) -> list[Callable[[BuildState], CaseFile]]:
    """The hand-written stories first, then template children cycling through the statuses."""
    makers = [_remember_child(key, build) for key, build in STORIES[: max(0, children)]]
    for index in range(max(0, children - len(STORIES))):
        status = GENERIC_ORDER[index % len(GENERIC_ORDER)]
        makers.append(partial(generic_case, status=status))
    return makers


def build_demo(
    store: RecordStore,
    *,
    children: int = 40,
    seed: int = 2026,
    today: date | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """The showcase caseload. Deterministic for a given (children, seed, today).

    Each child's file is saved in one transaction (with one audit row); ``progress(done, total)`` is
    called after each, and returning False stops the build (what was saved stays saved).
    """
    d = BuildState(seed, today or date.today())
    makers = _caseload(children)
    total = len(makers) + 1
    made = records = concerns = 0
    for index, make in enumerate(makers, start=1):
        batch = make(d).finish()
        store.add_many(batch, detail="demo caseload")
        made += 1
        records += len(batch)
        concerns += sum(isinstance(r, Concern) for r in batch)
        if progress is not None and not progress(index, total):
            return DemoSummary(children=made, records=records, concerns=concerns)
    notes = staff_notes(d)
    store.add_many(notes, detail="demo caseload")
    records += len(notes)
    if progress is not None:
        progress(total, total)
    return DemoSummary(children=made, records=records, concerns=concerns)

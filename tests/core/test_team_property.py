"""The convergence property (issue 18): three replicas apply random operations (children, concerns, amendments
including concurrent ones to the same record, a shared setting, an action marked done, an enrolment) and
exchange files through their own copies of the team folder with random delay, reordering, duplication (conflict
copies) and partitions. Once every file has reached every replica, all three are identical: the same records
and bodies, the same amendment events, the same derived Today and chronologies, the same shared settings."""

from __future__ import annotations

import contextlib
import random
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from team_world import Replica, deliver, first_replica, join, new_action, new_child, new_concern, snapshot

from dslapp.errors import InvalidRecord
from dslapp.models import Action, Concern
from dslapp.models import Child as _Child
from dslapp.services import recording, team

REPLICAS = 3
TEXT = st.text(alphabet="abcdefgh ", min_size=1, max_size=10).map(str.strip).filter(bool)

operation = st.one_of(
    st.tuples(st.just("child"), st.integers(0, 2)),
    st.tuples(st.just("concern"), st.integers(0, 2), st.integers(0, 50), TEXT),
    st.tuples(st.just("amend"), st.integers(0, 2), st.integers(0, 50), TEXT),
    st.tuples(st.just("amend_both"), st.integers(0, 50), TEXT, TEXT),
    st.tuples(st.just("action"), st.integers(0, 2), st.integers(0, 50)),
    st.tuples(st.just("done"), st.integers(0, 2), st.integers(0, 50)),
    st.tuples(st.just("setting"), st.integers(0, 2), TEXT),
    st.tuples(st.just("sync"), st.integers(0, 2)),
    st.tuples(st.just("deliver"), st.integers(0, 2), st.integers(0, 2), st.floats(0.2, 1.0), st.floats(0, 0.5)),
    st.tuples(st.just("partition"), st.booleans()),
    st.tuples(st.just("enrol"), st.integers(0, 1)),
)


def _pick(items: list, index: int):  # type: ignore[no-untyped-def]
    return items[index % len(items)] if items else None


def _amend(replica: Replica, index: int, text: str) -> None:
    concern = _pick(replica.store.all_of(Concern), index)
    if concern is None:
        return
    with contextlib.suppress(InvalidRecord):  # nothing changed: there is no amendment to make
        recording.amend(replica.store, concern.id, f"reason {text} on {replica.name}", outcome=f"{text} {replica.name}")


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(ops=st.lists(operation, min_size=4, max_size=30), seed=st.integers(0, 2**16))
def test_three_replicas_converge_whatever_the_delivery(ops: list[tuple], seed: int) -> None:  # type: ignore[type-arg]
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="team-property-") as tmp_name:
        tmp = Path(tmp_name)
        a = first_replica(tmp)
        replicas: list[Replica] = [a, join(tmp, a, "B")]
        partitioned = False
        try:
            new_child(a.store, "Seedperson")
            for op in ops:
                kind = op[0]
                if kind == "enrol":
                    if len(replicas) < REPLICAS:
                        inviter = replicas[op[1] % len(replicas)]
                        replicas.append(join(tmp, inviter, "C"))
                    continue
                if kind == "partition":
                    partitioned = op[1]
                    continue
                if kind == "deliver":
                    src, dst = replicas[op[1] % len(replicas)], replicas[op[2] % len(replicas)]
                    cut = partitioned and {src.name, dst.name} == {"A", "B"}
                    if src is not dst and not cut:
                        deliver(src.folder, dst.folder, rng, share=op[3], duplicate=op[4])
                    continue
                replica = replicas[op[1] % len(replicas)] if kind != "amend_both" else replicas[0]
                if kind == "child":
                    new_child(replica.store, f"Propperson{rng.randrange(1000)}")
                elif kind == "concern":
                    child = _pick(replica.store.all_of(_Child), op[2])
                    if child is not None:
                        new_concern(replica.store, child.id, f"seen {op[3]}", day=1 + op[2] % 27)
                elif kind == "amend":
                    _amend(replica, op[2], op[3])
                elif kind == "amend_both":  # the same record amended on two replicas before either hears of it
                    concern = _pick(replicas[0].store.all_of(Concern), op[1])
                    if concern is not None:
                        for other, text in ((replicas[0], op[2]), (replicas[1], op[3])):
                            ids = [str(c.id) for c in other.store.all_of(Concern)]
                            if str(concern.id) in ids:
                                _amend(other, ids.index(str(concern.id)), text)
                elif kind == "action":
                    child = _pick(replica.store.all_of(_Child), op[2])
                    if child is not None:
                        new_action(replica.store, child.id, f"ring home {op[2]}")
                elif kind == "done":
                    action = _pick([x for x in replica.store.all_of(Action) if x.done_on is None], op[2])
                    if action is not None:
                        recording.amend(replica.store, action.id, "done", done_on=date(2026, 2, 21))
                elif kind == "setting":
                    team.set_shared_setting(replica.store, "school", f"Fictional {op[2]} Academy")
                elif kind == "sync":
                    team.sync(replica.store)
            # the partition heals and the engine catches up: every file reaches every replica
            for _ in range(3):
                for replica in replicas:
                    team.sync(replica.store)
                for src in replicas:
                    for dst in replicas:
                        if src is not dst:
                            deliver(src.folder, dst.folder)
            for replica in replicas:
                team.sync(replica.store)
            states = [snapshot(r.store) for r in replicas]
            for replica, state in zip(replicas[1:], states[1:], strict=True):
                for part in states[0]:
                    assert state[part] == states[0][part], f"{replica.name} differs from A in {part}"
            for replica in replicas:
                assert team.status(replica.store).rejected == ()
                assert team.status(replica.store).waiting == 0
        finally:
            for replica in replicas:
                replica.store.vault.lock()

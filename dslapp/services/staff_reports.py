"""Every adult can report (issue 19): the reporting key, the staff configuration, taking in sealed concerns from
the drop folder with an acknowledgement, the DSL's inbox and triage.

The staff side (no casebook, no passphrase) is ``dslapp.services.staff_mode``.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from dslapp.errors import NoReportingKey, RecordNotFound, StaffReportNotFound, TeamFileRejected
from dslapp.files import write_private_file
from dslapp.models import Child, ReportingKey, StaffReport, StaffReportTriage, TriageOutcome
from dslapp.models.base import local_now
from dslapp.services.changes import Changes
from dslapp.services.children import add_child
from dslapp.services.concerns import record_concern
from dslapp.services.results import Saved
from dslapp.services.team_merge import FOLDER, TEAM_ID
from dslapp.store import RecordStore
from dslapp.store.records import validate
from dslapp.store.team import TeamStore
from dslapp.team import staff_drop
from dslapp.team.staff_drop import RollEntry, StaffConfig, TeamContact
from dslapp.text import dmy, dmy_hm
from dslapp.vault.audit import Action
from dslapp.views.today import TodayItem

STAFF_DROP = "staff_drop"
"""team_meta key: a drop folder configured for staff concerns besides the team folder."""
_STAFF_REJECTED = "staff_rejected"
REPORT_NAMESPACE = uuid.UUID("6f1c8c52-3a0e-4d55-9b7a-2f1d5c0e9a11")
SECTION = "staff_concerns"


def report_record_id(report_id: str) -> uuid.UUID:
    """The same record id on every team laptop that takes the same concern in (so two never make two records)."""
    return uuid.uuid5(REPORT_NAMESPACE, report_id)


# ---- the reporting key and the staff configuration -------------------------------------------------------


def reporting_keys(store: RecordStore) -> list[ReportingKey]:
    return sorted(store.all_of(ReportingKey), key=lambda k: (k.created_at, k.key_id))


def current_key(store: RecordStore) -> ReportingKey | None:
    keys = reporting_keys(store)
    return keys[-1] if keys else None


def drop_folders(store: RecordStore) -> list[Path]:
    """Where this casebook looks for concerns from staff: the team folder (if in a team) and any folder set."""
    ts = TeamStore(store.vault)
    found: list[Path] = []
    if ts.get(TEAM_ID) is not None:
        found.append(Path(str(ts.get(FOLDER))))
    extra = ts.get(STAFF_DROP)
    if extra and Path(extra) not in found:
        found.append(Path(extra))
    return found


def create_reporting_key(store: RecordStore, *, drop: Path | None = None) -> Saved[ReportingKey]:
    """Create the team's reporting key, or a new one (rotation: concerns sealed to older keys still open). The
    private half is a record, so it reaches every member of the team inside the team's encrypted change files."""
    previous = current_key(store)
    made = staff_drop.new_key()
    key = validate(
        ReportingKey,
        {
            "key_id": made.key_id,
            "reporting_id": previous.reporting_id if previous else uuid.uuid4().hex,
            "box_private": made.box_private,
            "sign_private": made.sign_private,
            "staff_secret": made.staff_secret,
            "created_on": store.vault.now().date(),
        },
    )
    with store.db.transaction():
        saved = store.add(key)
        if drop is not None:
            TeamStore(store.vault).put(STAFF_DROP, str(drop.expanduser().absolute()))
        store.vault.audit(
            Action.TEAM, f"reporting_key:{key.key_id}", "reporting key rotated" if previous else "reporting key created"
        )
    return Saved(saved, Changes.of(ReportingKey.KIND, "settings"))


def team_contacts(store: RecordStore) -> list[TeamContact]:
    """The safeguarding team as staff mode names them: every current member of the team, or this DSL."""
    ts = TeamStore(store.vault)
    members = [d for d in ts.devices() if d.removed_after is None and d.name and d.name != "(invited)"]
    if members:
        return [TeamContact(name=d.name, role=d.role) for d in members]
    return [TeamContact(name=store.vault.user.name, role=store.vault.user.role)]


def staff_config(
    store: RecordStore,
    *,
    contacts: Sequence[TeamContact] | None = None,
    roll: Sequence[RollEntry] = (),
    drop: Path | None = None,
    paper_form: str = "",
) -> StaffConfig:
    """The staff configuration for the current reporting key (raises NoReportingKey if there is none)."""
    key = current_key(store)
    if key is None:
        raise NoReportingKey()
    folders = drop_folders(store)
    target = drop if drop is not None else (folders[-1] if folders else None)
    return StaffConfig(
        school=store.vault.school,
        reporting_id=key.reporting_id,
        key_id=key.key_id,
        public_key=staff_drop.public_key(key),
        verify_key=staff_drop.verify_key(key),
        staff_secret=key.staff_secret,
        team=list(contacts) if contacts else team_contacts(store),
        roll=list(roll),
        drop_folder=str(target) if target else "",
        paper_form=paper_form,
    )


def export_staff_config(
    store: RecordStore,
    out: Path,
    *,
    contacts: Sequence[TeamContact] | None = None,
    roll: Sequence[RollEntry] = (),
    drop: Path | None = None,
    paper_form: str = "",
) -> StaffConfig:
    """Write the staff configuration file for IT to deploy beside the program (audited)."""
    config = staff_config(store, contacts=contacts, roll=roll, drop=drop, paper_form=paper_form)
    write_private_file(out, staff_drop.config_bytes(config))
    with store.db.transaction():
        store.vault.audit(Action.EXPORT, f"reporting_key:{config.key_id}", "staff reporting configuration exported")
    return config


def reporting_key_and_config(
    store: RecordStore,
    out: Path,
    *,
    rotate: bool = True,
    drop: Path | None = None,
    contacts: Sequence[TeamContact] | None = None,
    roll: Sequence[RollEntry] = (),
    paper_form: str = "",
) -> Saved[StaffConfig]:
    """``dslapp team reporting-key`` and Settings → Staff reporting: create the reporting key (or rotate it, unless
    ``rotate`` is False and one exists) and write the staff configuration for it to ``out``."""
    changes = Changes()
    if rotate or current_key(store) is None:
        changes = create_reporting_key(store, drop=drop).changes
    elif drop is not None:
        with store.db.transaction():
            TeamStore(store.vault).put(STAFF_DROP, str(drop.expanduser().absolute()))
    config = export_staff_config(store, out, contacts=contacts, roll=roll, drop=drop, paper_form=paper_form)
    return Saved(config, changes | Changes.of("settings"))


@dataclass(frozen=True)
class ReportingState:
    """What Settings → Staff reporting shows."""

    key_id: str = ""
    created_on: date | None = None
    keys: int = 0
    drop_folders: tuple[str, ...] = ()
    rejected: tuple[str, ...] = ()


def reporting_state(store: RecordStore) -> ReportingState:
    key = current_key(store)
    return ReportingState(
        key.key_id if key else "",
        key.created_on if key else None,
        len(reporting_keys(store)),
        tuple(str(p) for p in drop_folders(store)),
        tuple(rejected_drop_files(store)),
    )


# ---- taking concerns in ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Intake:
    taken_in: int = 0
    rejected: tuple[str, ...] = ()
    """One line per drop file refused: its name and why. Shown to the DSL."""
    changes: Changes = field(default_factory=Changes)


def take_in(store: RecordStore) -> Saved[Intake]:
    """Open every sealed concern waiting in the drop folder(s), keep each as sent, acknowledge it by receipt
    code, and remove it from the folder. A forged, changed, foreign or replayed file is refused and named."""
    keys = {k.key_id: k for k in reporting_keys(store)}
    if not keys:
        return Saved(Intake(), Changes())
    reporting_ids = {k.reporting_id for k in keys.values()}
    vault = store.vault
    taken = 0
    rejected: list[str] = []
    for drop in drop_folders(store):
        for path in staff_drop.drop_files(drop):
            name = f"{staff_drop.REPORTS}/{path.name}"
            try:
                data = path.read_bytes()
            except OSError:
                continue
            try:
                outer = staff_drop.envelope(data)
                if outer.reporting_id not in reporting_ids:
                    raise TeamFileRejected("it was sealed for another school's casebook")
                key = keys.get(outer.key_id)
                if key is None:
                    raise TeamFileRejected("it was sealed to a reporting key this casebook does not hold")
                opened = staff_drop.open_sealed(data, key)
                record_id = report_record_id(opened.report_id)
                if TeamStore(vault).record_exists(str(record_id)):
                    kept = store.get_as(StaffReport, record_id)
                    if kept.sealed_sha256 == opened.sha256:
                        _remove(path)  # the same file again (a sync program's copy): nothing new
                        continue
                    raise TeamFileRejected("it repeats the report id of a concern already taken in (replayed)")
            except TeamFileRejected as exc:
                rejected.append(f"{name}: rejected: {exc}")
                continue
            received = vault.now().astimezone().replace(tzinfo=None, microsecond=0)
            report = validate(
                StaffReport,
                {
                    "id": str(record_id),
                    "created_by": f"staff mode (taken in by {vault.user.name})",
                    "report_id": opened.report_id,
                    "receipt": opened.receipt,
                    "key_id": opened.key_id,
                    "sent_at": opened.sent_at.isoformat(),
                    "received_at": received.isoformat(),
                    "sealed_sha256": opened.sha256,
                    "account": opened.account.model_dump(mode="json"),
                },
                stored=True,
            )
            with store.db.transaction():
                store.add(report)
            with contextlib.suppress(OSError):
                staff_drop.acks_folder(drop).mkdir(parents=True, exist_ok=True)
                write_private_file(
                    staff_drop.ack_path(drop, opened.receipt),
                    staff_drop.acknowledgement(opened.receipt, received, key),
                )
            _remove(path)
            taken += 1
    ts = TeamStore(vault)
    with store.db.transaction():
        previous = set(json.loads(ts.get(_STAFF_REJECTED) or "[]"))
        for line in rejected:
            if line not in previous:
                vault.audit(Action.TEAM, "staff drop folder", line)
        ts.put(_STAFF_REJECTED, json.dumps(rejected))
    changes = Changes.of(StaffReport.KIND) if taken else Changes()
    return Saved(Intake(taken, tuple(rejected), changes), changes)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def rejected_drop_files(store: RecordStore) -> list[str]:
    return list(json.loads(TeamStore(store.vault).get(_STAFF_REJECTED) or "[]"))


# ---- the DSL's inbox --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InboxItem:
    report: StaffReport
    triage: StaffReportTriage | None
    child_name: str
    """The child on the caseload it is matched to, else the name as the member of staff wrote it."""

    @property
    def open(self) -> bool:
        """Still needs the DSL: not yet triaged, or kept unmatched."""
        return self.triage is None or self.triage.outcome == TriageOutcome.UNMATCHED


def latest_triage(store: RecordStore) -> dict[str, StaffReportTriage]:
    found: dict[str, StaffReportTriage] = {}
    for triage in sorted(store.all_of(StaffReportTriage), key=lambda t: (t.decided_at, t.created_at)):
        found[triage.staff_report_id] = triage
    return found


def inbox(store: RecordStore, *, open_only: bool = False) -> list[InboxItem]:
    """Every concern from staff (``open_only``: those still needing the DSL), urgent ones first, then newest
    first."""
    triages = latest_triage(store)
    found = [(report, triages.get(str(report.id))) for report in store.all_of(StaffReport)]
    if open_only:
        found = [(r, t) for r, t in found if t is None or t.outcome == TriageOutcome.UNMATCHED]
    names = _child_names(store, {str(t.child_id) for _, t in found if t is not None and t.child_id})
    items = []
    for report, triage in found:
        matched = str(triage.child_id) if triage and triage.child_id else ""
        items.append(InboxItem(report, triage, names.get(matched, report.account.child_name)))
    items.sort(key=lambda i: (not i.report.account.urgent, -i.report.sent_at.timestamp()))
    return items


_READ_ALL_CHILDREN = 50
"""Above this many matched children, read every child at once rather than one at a time."""


def _child_names(store: RecordStore, child_ids: set[str]) -> dict[str, str]:
    """The names of these children as the caseload shows them (a child no longer held is left out)."""
    if len(child_ids) > _READ_ALL_CHILDREN:
        return {str(c.id): c.display_name for c in store.all_of(Child) if str(c.id) in child_ids}
    names = {}
    for child_id in child_ids:
        try:
            names[child_id] = store.get_as(Child, child_id).display_name
        except RecordNotFound:
            continue
    return names


def open_staff_report(store: RecordStore, record_id: str) -> InboxItem:
    """One concern from staff, to read (audited as a view)."""
    for item in inbox(store):
        if str(item.report.id) == record_id:
            with store.db.transaction():
                store.vault.audit(Action.VIEW, record_id, StaffReport.KIND)
            return item
    raise StaffReportNotFound()


def today_items(store: RecordStore) -> list[TodayItem]:
    """Today's first section: concerns from staff the DSL has not yet dealt with, urgent then newest first."""
    out = []
    for item in inbox(store, open_only=True):
        a = item.report.account
        child_id = str(item.triage.child_id) if item.triage and item.triage.child_id else ""
        year = f" ({a.year_group})" if a.year_group else ""
        state = "identity to confirm" if item.triage else "new"
        urgent = "URGENT: " if a.urgent else ""
        title = (
            f"{urgent}{a.child_name}{year}: from {a.reporter_name}, sent {dmy(item.report.sent_at)} "
            f"{item.report.sent_at:%H:%M} ({state})"
        )
        out.append(
            TodayItem(
                SECTION,
                child_id,
                item.child_name,
                str(item.report.id),
                title,
                None,  # not "due": the DSL looks at it now; urgency is in the title and the order
                False,
                rule_id="staff_concern_new",
            )
        )
    return out


def triage(
    store: RecordStore,
    staff_report_id: str,
    *,
    outcome: TriageOutcome,
    decision: str = "",
    child_id: str | None = None,
    new_child: Mapping[str, Any] | None = None,
    concern: Mapping[str, Any] | None = None,
) -> Saved[StaffReportTriage]:
    """Record the DSL's triage: match to a child (or add the child, or keep it unmatched), and optionally record a
    concern from it for that child. The staff member's account is not touched; the concern links back to it."""
    report = store.get_as(StaffReport, staff_report_id)
    changes = Changes.of(StaffReportTriage.KIND)
    with store.db.transaction():
        if outcome == TriageOutcome.NEW_CHILD:
            made = add_child(store, **dict(new_child or {}))
            child_id = str(made.value.id)
            changes = changes | made.changes
        elif outcome == TriageOutcome.MATCHED:
            store.get_as(Child, str(child_id))
        else:
            child_id = None
        concern_id = ""
        if concern is not None and child_id is not None:
            a = report.account
            fields: dict[str, Any] = {
                "child_id": child_id,
                "observed_at": a.observed_at,
                "reporter_name": a.reporter_name,
                "reporter_role": a.reporter_role,
                "where": a.where,
                "what_happened": a.what_happened,
                "child_words": a.child_words,
                "immediate_action": join_lines(a.action_taken, told(a.told_others)),
                "body_marks": [mark.model_dump(mode="json") for mark in a.body_map],
                "from_staff_report": str(report.id),
                **dict(concern),
            }
            saved = record_concern(store, **fields)
            concern_id = str(saved.value.id)
            changes = changes | saved.changes
        record = validate(
            StaffReportTriage,
            {
                "staff_report_id": str(report.id),
                "outcome": outcome,
                "child_id": child_id,
                "concern_id": concern_id,
                "decision": decision,
                "decided_at": local_now(),
                "decided_by": store.vault.user.name,
            },
        )
        saved_triage = store.add(record)
    return Saved(saved_triage, changes | Changes.of(StaffReport.KIND, child_id=child_id))


def join_lines(*parts: str) -> str:
    return "\n".join(p for p in parts if p)


def told(others: str) -> str:
    return f"Also told: {others}" if others else ""


def received_line(report: StaffReport) -> str:
    return f"Sent {dmy_hm(report.sent_at)}; taken in {dmy_hm(report.received_at)}"

"""Staff mode (issue 19): a member of staff reports a concern on any school computer. No casebook, no passphrase.

The concern is sealed on submit (``dslapp.team.staff_drop``) and only the sealed bytes ever touch this computer's
disk: into the drop folder if it is there, else into a local outbox that is delivered when the folder appears
(at the next start, and on a timer while staff mode is open). The draft lives only in the window's memory.
This computer keeps each receipt code with the time it was sent and whether it has been delivered; nothing else.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from dslapp.config import config_dir, ensure_private_dir, staff_dir
from dslapp.errors import StaffConcernIncomplete
from dslapp.files import write_private_file
from dslapp.models import StaffAccount
from dslapp.models.base import local_now
from dslapp.store.records import explain_validation
from dslapp.team import staff_drop
from dslapp.team.staff_drop import StaffConfig

OUTBOX = "outbox"
RECEIPTS = "receipts.json"


def staff_home(home: Path | None = None) -> Path:
    """Where staff mode keeps its outbox and receipts (``DSLAPP_HOME/staff``, else the user's data folder)."""
    return home if home is not None else staff_dir()


CONFIG_NAME = "STAFF.json"
FIELD_LABELS = {
    "reporter_name": "your name",
    "child_name": "the child's name",
    "observed_at": "when it happened",
    "what_happened": "what you saw or heard",
}


def default_config_path() -> Path:
    """Where IT deploys the staff configuration when ``--config`` is not given."""
    return config_dir() / CONFIG_NAME


@dataclass(frozen=True)
class Receipt:
    receipt: str
    sent_at: datetime
    delivered: bool
    received_at: datetime | None = None
    """When the safeguarding team took it in (from their acknowledgement)."""


@dataclass(frozen=True)
class Submitted:
    receipt: str
    delivered: bool


def account_from(fields: dict[str, Any]) -> StaffAccount:
    """The concern as typed (or given as JSON); StaffConcernIncomplete names what is missing or wrong."""
    try:
        return StaffAccount.model_validate(fields)
    except ValidationError as exc:
        missing = [
            FIELD_LABELS.get(str(e["loc"][0]), str(e["loc"][0]))
            for e in exc.errors()
            if e["loc"] and e["type"] in ("missing", "string_too_short")
        ]
        if missing:
            raise StaffConcernIncomplete(f"Still needed: {', '.join(missing)}.") from exc
        raise StaffConcernIncomplete(explain_validation(exc, "Concern")) from exc


class StaffMode:
    """The staff side: one configuration, one drop folder, one local outbox."""

    def __init__(self, config: StaffConfig, *, home: Path | None = None, drop: Path | None = None) -> None:
        self.config = config
        self.home = staff_home(home)
        self.drop = drop if drop is not None else (Path(config.drop_folder) if config.drop_folder else None)

    @property
    def outbox(self) -> Path:
        return self.home / OUTBOX

    def submit(self, account: StaffAccount, *, now: datetime | None = None) -> Submitted:
        """Seal the concern and deliver it (or keep the sealed bytes in the outbox). Returns the receipt code."""
        sent_at = now or local_now()
        sealed = staff_drop.seal(self.config, account, sent_at)
        delivered = self.drop is not None and staff_drop.deliver(self.drop, sealed.file_name, sealed.data)
        if not delivered:
            ensure_private_dir(self.outbox)
            write_private_file(self.outbox / sealed.file_name, sealed.data)
        self._remember(Receipt(sealed.receipt, sent_at, delivered))
        return Submitted(sealed.receipt, delivered)

    def waiting(self) -> list[Path]:
        try:
            return sorted(p for p in self.outbox.iterdir() if p.name.endswith(staff_drop.SUFFIX))
        except OSError:
            return []

    def deliver_waiting(self) -> int:
        """Deliver what waits in the outbox, if the drop folder is there now. Returns how many went."""
        if self.drop is None or not self.drop.is_dir():
            return 0
        sent = 0
        delivered: set[str] = set()
        for path in self.waiting():
            data = path.read_bytes()
            if staff_drop.deliver(self.drop, path.name, data):
                with contextlib.suppress(OSError):
                    path.unlink()
                outer_id = path.name.removesuffix(staff_drop.SUFFIX)
                delivered.add(staff_drop.receipt_code(outer_id))
                sent += 1
        if delivered:
            receipts = [
                Receipt(r.receipt, r.sent_at, True, r.received_at) if r.receipt in delivered else r
                for r in self._receipts()
            ]
            self._save(receipts)
        return sent

    def receipts(self) -> list[Receipt]:
        """This computer's receipts, newest first, each with the team's acknowledgement time if it has come."""
        out = []
        for r in self._receipts():
            received = r.received_at
            if received is None and self.drop is not None:
                try:
                    data = staff_drop.ack_path(self.drop, r.receipt).read_bytes()
                except OSError:
                    data = b""
                received = staff_drop.read_acknowledgement(data, self.config, r.receipt) if data else None
            out.append(Receipt(r.receipt, r.sent_at, r.delivered or received is not None, received))
        if out != self._receipts():
            self._save(out)
        return sorted(out, key=lambda r: r.sent_at, reverse=True)

    # ---- the receipts file: codes and times only ----------------------------------------------------------

    def _receipts(self) -> list[Receipt]:
        try:
            raw = json.loads((self.home / RECEIPTS).read_bytes())
            return [
                Receipt(
                    str(r["receipt"]),
                    datetime.fromisoformat(r["sent_at"]),
                    bool(r["delivered"]),
                    datetime.fromisoformat(r["received_at"]) if r.get("received_at") else None,
                )
                for r in raw
            ]
        except (OSError, ValueError, KeyError, TypeError):
            return []

    def _remember(self, receipt: Receipt) -> None:
        self._save([*self._receipts(), receipt])

    def _save(self, receipts: list[Receipt]) -> None:
        ensure_private_dir(self.home)
        data = [
            {
                "receipt": r.receipt,
                "sent_at": r.sent_at.isoformat(timespec="minutes"),
                "delivered": r.delivered,
                "received_at": r.received_at.isoformat(timespec="minutes") if r.received_at else None,
            }
            for r in receipts
        ]
        write_private_file(self.home / RECEIPTS, json.dumps(data, indent=1).encode("utf-8"))

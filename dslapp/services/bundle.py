"""The case bundle (DESIGN §5): one child and everything recorded about them, as JSON.

The one interchange format: import, export, transfer packs and test fixtures all use it. Its JSON
Schema is generated from these models into ``data_schema/case-bundle.schema.json``.
"""

from __future__ import annotations

import base64
import binascii
import errno
import hashlib
import json
import stat
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from dslapp import __version__
from dslapp.errors import (
    AlreadyImported,
    CannotReadFile,
    CannotWriteFile,
    DuplicateChild,
    FutureDatedRecord,
    MalformedBundle,
)
from dslapp.files import write_private_file
from dslapp.models import (
    RECORD_KINDS,
    Action,
    AlertAcknowledgement,
    Amendment,
    Attachment,
    Child,
    ChildLink,
    ChronologyEntry,
    Concern,
    CourtOrder,
    EarlyHelpPlan,
    EarlyHelpReview,
    EncompassNotice,
    Escalation,
    Person,
    Professional,
    Record,
    Referral,
    SharingDecision,
    StatusChange,
    StatutoryRecord,
    ThresholdDecision,
    Transfer,
)
from dslapp.models.base import STORED, happened_fields
from dslapp.services.changes import Changes
from dslapp.services.children import ChildFile, open_child_file
from dslapp.services.results import Saved
from dslapp.store import RecordStore, queries
from dslapp.store import attachments as attached_files
from dslapp.text import LONE_SURROGATE_MESSAGE, dmy, label_in_sentence, one_line, quote_for_message
from dslapp.vault.audit import Action as Audit
from dslapp.vault.sqlcipher import IntegrityError
from dslapp.views.links import foreign_links

ModelT = TypeVar("ModelT", bound=BaseModel)

BUNDLE_FORMAT = "dsl-casebook/case-bundle"
BUNDLE_VERSION = 1

_MB = 1024 * 1024
MAX_BUNDLE_BYTES = 16 * _MB
"""The largest case bundle (as JSON) the app reads, from a file or out of a transfer pack. The heaviest child
of the large-school dataset (2,000 concerns and 2,000 chronology entries) makes a 3.1 MB bundle; and every
hostile shape of JSON up to this size is parsed in well under 300 MB of memory (tests/core/test_hostile_packs.py)."""
MAX_BUNDLE_FILES_BYTES = 64 * _MB
"""The most attached files (as their bytes, before base64) a bundle may carry, on top of MAX_BUNDLE_BYTES."""
MAX_BUNDLE_READ_BYTES = MAX_BUNDLE_BYTES + MAX_BUNDLE_FILES_BYTES * 4 // 3 + _MB
"""The largest bundle file read at all: its records within MAX_BUNDLE_BYTES, its attached files in base64
(which holds none of the characters counted as JSON items) within MAX_BUNDLE_FILES_BYTES."""
MAX_BUNDLE_ITEMS = 1_000_000
"""At most this many JSON items, counted before parsing as every ``[``, ``{``, ``,`` and ``:`` (including any
in text, so an overcount): the heaviest child's bundle has about 170,000. It bounds the memory that very many
tiny values (``[{},{},...]``, an object with a million keys) would take once parsed."""
MAX_BUNDLE_DEPTH = 32
"""Deepest nesting of arrays and objects in a bundle; a real one goes 7 deep at most."""
MAX_RECORD_ITEMS = 5_000
"""At most this many JSON values in one record (or one amendment); a real one has a few dozen, a long Early
Help plan a few hundred. Records are validated one at a time and this bounds each one, because pydantic
reports every error in what it validates (a million bad values would be a million errors, and gigabytes)."""


class CaseBundle(BaseModel):
    """One child's CP file."""

    model_config = ConfigDict(extra="forbid", title="DSL Casebook case bundle")

    format: str = Field(default=BUNDLE_FORMAT, pattern=f"^{BUNDLE_FORMAT}$")
    version: int = Field(default=BUNDLE_VERSION, ge=1, le=BUNDLE_VERSION)
    exported_at: datetime
    exported_by: str = ""
    school: str = ""
    app_version: str = ""
    child: Child
    people: list[Person] = Field(default_factory=list)
    professionals: list[Professional] = Field(default_factory=list)
    court_orders: list[CourtOrder] = Field(default_factory=list)
    statutory_records: list[StatutoryRecord] = Field(default_factory=list)
    concerns: list[Concern] = Field(default_factory=list)
    child_links: list[ChildLink] = Field(default_factory=list)
    encompass_notices: list[EncompassNotice] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    chronology: list[ChronologyEntry] = Field(default_factory=list)
    early_help_plans: list[EarlyHelpPlan] = Field(default_factory=list)
    early_help_reviews: list[EarlyHelpReview] = Field(default_factory=list)
    threshold_decisions: list[ThresholdDecision] = Field(default_factory=list)
    referrals: list[Referral] = Field(default_factory=list)
    escalations: list[Escalation] = Field(default_factory=list)
    sharing_decisions: list[SharingDecision] = Field(default_factory=list)
    status_changes: list[StatusChange] = Field(default_factory=list)
    transfers: list[Transfer] = Field(default_factory=list)
    alert_acknowledgements: list[AlertAcknowledgement] = Field(default_factory=list)
    attachments: list[Attachment] = Field(default_factory=list)
    attachment_files: dict[str, str] = Field(
        default_factory=dict,
        description="The bytes of each attachment's file (base64) by attachment id; checked against its SHA-256.",
    )
    amendments: dict[str, list[Amendment]] = Field(
        default_factory=dict, description="Amendment history by record id: the earlier text of each record."
    )

    def records(self) -> list[Record]:
        out: list[Record] = [self.child]
        for attr in ChildFile.SECTIONS.values():
            out.extend(getattr(self, attr))
        return out

    def case_json(self) -> dict[str, Any]:
        """The bundle without its export header (what must survive a round trip unchanged)."""
        return self.model_dump(mode="json", exclude={"exported_at", "exported_by", "school", "app_version"})


def enclosed_counts(bundle: CaseBundle) -> list[tuple[str, int]]:
    """(label, count) for each kind of record in the bundle that has any, in CP-file order."""
    out = []
    for kind, attr in ChildFile.SECTIONS.items():
        count = len(getattr(bundle, attr))
        if count:
            out.append((RECORD_KINDS[kind].LABEL, count))
    return out


def bundle_schema() -> dict[str, Any]:
    schema = CaseBundle.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://dsl-casebook.invalid/schema/case-bundle.schema.json"
    return schema


def bundle_schema_text() -> str:
    return json.dumps(bundle_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def build_bundle(store: RecordStore, child_id: str, *, transfer: bool = False) -> CaseBundle:
    """Everything about one child (and nothing about any other), with their attached files. For a transfer pack
    (``transfer``) only the attachments ticked for it are carried."""
    child_file = open_child_file(store, child_id, audit=False)
    if transfer:
        child_file.attachments = [a for a in child_file.attachments if a.in_transfer_pack and not a.withdrawn]
    fields: dict[str, Any] = {attr: getattr(child_file, attr) for attr in ChildFile.SECTIONS.values()}
    amendments = {str(r.id): store.amendments(r.id) for r in child_file.records() if r.version > 1}
    fields["attachment_files"] = {
        str(a.id): base64.b64encode(_attached_bytes(store, a)).decode("ascii") for a in child_file.attachments
    }
    return CaseBundle(
        exported_at=store.vault.now(),
        exported_by=store.vault.user.label,
        school=store.vault.school,
        app_version=__version__,
        child=child_file.child,
        amendments=amendments,
        **fields,
    )


def _attached_bytes(store: RecordStore, attachment: Attachment) -> bytes:
    found = attached_files.file_bytes(store.db, str(attachment.id))
    if found is None or hashlib.sha256(found[1]).hexdigest() != attachment.stored_sha256:
        raise MalformedBundle(
            f"The file attached as {quote_for_message(attachment.shown_name, 80)} does not match the hash recorded "
            "when it was attached, so the bundle was not made. Check the casebook (Settings, Check)."
        )
    return found[1]


def bundle_files(bundle: CaseBundle) -> dict[str, bytes]:
    """The attached files a bundle carries, by attachment id, each checked against its record's SHA-256: every
    attachment has its file, every file its attachment (MalformedBundle otherwise; nothing is added)."""
    records = {str(a.id): a for a in bundle.attachments}
    if set(records) != set(bundle.attachment_files):
        raise MalformedBundle(
            "The case bundle could not be imported: its attachments and attached files do not match. Nothing was added."
        )
    out: dict[str, bytes] = {}
    total = 0
    for record_id, text in bundle.attachment_files.items():
        try:
            data = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise MalformedBundle(
                "The case bundle could not be imported: an attached file is not readable. Nothing was added."
            ) from exc
        total += len(data)
        if total > MAX_BUNDLE_FILES_BYTES or hashlib.sha256(data).hexdigest() != records[record_id].stored_sha256:
            raise MalformedBundle(
                f"The case bundle could not be imported: the file attached as "
                f"{quote_for_message(records[record_id].shown_name, 80)} does not match its recorded hash "
                "(it was changed or damaged on the way). Nothing was added."
            )
        out[record_id] = data
    return out


def export_bundle(store: RecordStore, child_id: str, out: Path) -> CaseBundle:
    """Write a child's bundle to ``out`` (plaintext JSON: the user chose to take it out). Audited."""
    bundle = build_bundle(store, child_id)
    text = bundle.model_dump_json(indent=2)
    write_user_file(out, text.encode("utf-8"))
    store.vault.audit(Audit.EXPORT, child_id, "case bundle")
    return bundle


def write_user_file(out: Path, data: bytes) -> None:
    """Write a file the user asked for (atomically, 0600, never through a link: ``dslapp.files``), with a
    plain-words error when that is not possible."""
    is_a_folder = f"{out} is a folder. Choose a file name to save to."
    no_folder = f"The folder {out.parent} does not exist. Choose another place to save."
    if out.is_dir():
        raise CannotWriteFile(is_a_folder)
    if not out.parent.is_dir():
        raise CannotWriteFile(no_folder)
    try:
        write_private_file(out, data)
    except PermissionError as exc:
        raise CannotWriteFile(f"DSL Casebook is not allowed to save in {out.parent}. Choose another place.") from exc
    except IsADirectoryError as exc:  # it became a folder meanwhile
        raise CannotWriteFile(is_a_folder) from exc
    except (FileNotFoundError, NotADirectoryError) as exc:  # the folder went away meanwhile
        raise CannotWriteFile(no_folder) from exc
    except OSError as exc:
        if exc.errno in _DISK_FULL:
            raise CannotWriteFile("The disk is full, so the file could not be saved. Nothing has been lost.") from exc
        raise CannotWriteFile(f"The file could not be saved to {out}: {exc.strerror or exc}.") from exc


_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def parse_bundle(data: bytes | str) -> CaseBundle:
    """Validate a bundle; a malformed one raises MalformedBundle naming the first bad field."""
    return bundle_from_json(load_bundle_json(data))


def load_bundle_json(data: bytes | str, source: str = "This file") -> Any:
    """Parse JSON that came from outside, refusing in one line (MalformedBundle) what no case bundle could be:
    larger than MAX_BUNDLE_BYTES, more than MAX_BUNDLE_ITEMS values, or nested deeper than MAX_BUNDLE_DEPTH.

    ``source`` starts each message ("This file", or "What is inside this transfer pack").
    """
    if len(data) > MAX_BUNDLE_READ_BYTES:
        raise MalformedBundle(
            f"{source} is too large to be a case bundle (the largest this app reads is "
            f"{MAX_BUNDLE_READ_BYTES // _MB} MB). Nothing was added."
        )
    text = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
    items = text.count(b"[") + text.count(b"{") + text.count(b",") + text.count(b":")
    del text
    if items > MAX_BUNDLE_ITEMS:
        raise MalformedBundle(
            f"{source} holds far more items than any case bundle (over {MAX_BUNDLE_ITEMS:,}), so it was not read. "
            "Nothing was added."
        )
    try:
        raw = json.loads(data)
    except RecursionError as exc:  # the parser's own guard, on nesting deeper than Python's recursion limit
        raise MalformedBundle(_nested_message(source)) from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise MalformedBundle(f"{source} is not a case bundle: it is not valid JSON ({exc}).") from exc
    if _deeper_than(raw, MAX_BUNDLE_DEPTH):
        raise MalformedBundle(_nested_message(source))
    files = raw.get("attachment_files") if isinstance(raw, dict) else None
    carried = sum(len(v) for v in files.values() if isinstance(v, str)) if isinstance(files, dict) else 0
    if len(data) - carried > MAX_BUNDLE_BYTES or carried > MAX_BUNDLE_FILES_BYTES * 4 // 3 + 4:
        raise MalformedBundle(
            f"{source} is too large to be a case bundle (the largest this app reads is {MAX_BUNDLE_BYTES // _MB} MB "
            f"of records and {MAX_BUNDLE_FILES_BYTES // _MB} MB of attached files). Nothing was added."
        )
    return raw


def _nested_message(source: str) -> str:
    return (
        f"{source} is not a case bundle: it is nested more than {MAX_BUNDLE_DEPTH} levels deep, "
        "which no case bundle is. Nothing was added."
    )


def _deeper_than(value: Any, limit: int) -> bool:
    """Whether arrays and objects in ``value`` nest more than ``limit`` deep (without recursion: a stack of
    at most ``limit`` iterators)."""
    stack: list[Iterator[Any]] = [iter((value,))]
    while stack:
        for item in stack[-1]:
            if isinstance(item, dict | list):
                if len(stack) > limit:
                    return True
                stack.append(iter(item.values() if isinstance(item, dict) else item))
                break
        else:
            stack.pop()
    return False


def bundle_from_json(raw: Any) -> CaseBundle:
    """Validate parsed JSON (from ``load_bundle_json``) as a bundle; MalformedBundle names the first bad field.

    Each record is validated on its own and the first bad one stops it, so that a hostile bundle (a million
    bad values) makes one error, not a million.
    """
    if not isinstance(raw, dict) or raw.get("format") != BUNDLE_FORMAT:
        raise MalformedBundle("This file is not a DSL Casebook case bundle.")
    if isinstance(raw.get("version"), int) and raw["version"] > BUNDLE_VERSION:
        raise MalformedBundle("This case bundle was made by a newer version of DSL Casebook. Please update the app.")
    unknown = next((key for key in raw if key not in CaseBundle.model_fields), None)
    if unknown is not None:
        raise _invalid((unknown,), "this is not something a case bundle holds")
    fields = dict(raw)
    if isinstance(raw.get("child"), dict):
        fields["child"] = _record(Child, raw["child"], ("child",))
    for attr, model in _SECTION_MODELS.items():
        if isinstance(raw.get(attr), list):
            fields[attr] = [_record(model, item, (attr, i)) for i, item in enumerate(raw[attr])]
    if isinstance(raw.get("amendments"), dict):
        fields["amendments"] = {key: _history(key, value) for key, value in raw["amendments"].items()}
    return _validate(CaseBundle, fields, ())


_SECTION_MODELS: dict[str, type[Record]] = {attr: RECORD_KINDS[kind] for kind, attr in ChildFile.SECTIONS.items()}


def _record(model: type[ModelT], item: Any, where: tuple[Any, ...]) -> ModelT:
    """One record (or amendment) validated on its own, unless it is far larger than any record."""
    if _more_items_than(item, MAX_RECORD_ITEMS):
        raise _invalid(where, f"holds more than {MAX_RECORD_ITEMS:,} values, far more than any record")
    return _validate(model, item, where)


def _history(record_id: str, value: Any) -> list[Amendment]:
    if not isinstance(value, list):
        raise _invalid(("amendments", record_id), "Input should be a valid list")
    return [_record(Amendment, item, ("amendments", record_id, i)) for i, item in enumerate(value)]


def _validate(model: type[ModelT], value: Any, where: tuple[Any, ...]) -> ModelT:
    try:
        return model.model_validate(value, context=STORED)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        raise _invalid((*where, *first.get("loc", ())), _problem(first)) from exc


def _problem(first: Any) -> str:
    """What is wrong, on one line: a value from the file that the message quotes has its control characters
    escaped."""
    if first.get("type") == "extra_forbidden":
        return "this is not something a case bundle holds"
    if first.get("type") == "string_unicode":
        return LONE_SURROGATE_MESSAGE
    return one_line(str(first.get("msg", "is not valid")).removeprefix("Value error, "))


def _invalid(loc: tuple[Any, ...], message: str) -> MalformedBundle:
    return MalformedBundle(f"The case bundle could not be imported: {_field_path(loc)}: {message}. Nothing was added.")


def _more_items_than(value: Any, limit: int) -> bool:
    """Whether ``value`` holds more than ``limit`` JSON values (counting stops as soon as it is over)."""
    count = 0
    pending = [value]
    while pending:
        item = pending.pop()
        count += 1
        if count > limit:
            return True
        if isinstance(item, dict):
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False


def _field_path(loc: tuple[Any, ...]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            name = str(part)
            shown = name if name.isidentifier() else quote_for_message(name, 40)
            path += f".{shown}" if path else shown
    return path or "bundle"


def import_bundle(store: RecordStore, bundle: CaseBundle) -> Saved[Child]:
    """Add a bundle's child and records in one transaction: all of it, or (on any error) nothing."""
    if _exists(store, str(bundle.child.id)):
        raise AlreadyImported(
            f"{quote_for_message(bundle.child.display_name)} is already in this casebook (same record id), "
            "so nothing was imported."
        )
    _check_not_already_here(store, bundle.child)
    records = bundle.records()
    ids = {str(r.id) for r in records}
    if len(ids) != len(records):
        raise MalformedBundle("The case bundle could not be imported: two records share an id. Nothing was added.")
    clashes = [rid for rid in ids if _exists(store, rid)]
    if clashes:
        raise MalformedBundle(
            "The case bundle could not be imported: some of its records are already in this casebook. "
            "Nothing was added."
        )
    for record in records[1:]:
        if str(getattr(record, "child_id", "")) != str(bundle.child.id):
            raise MalformedBundle(
                f"The case bundle could not be imported: a {record.LABEL.lower()} belongs to another child. "
                "Nothing was added."
            )
    _check_links(records)
    if any(a.attached_to is not None and str(a.attached_to) not in ids for a in bundle.attachments):
        raise MalformedBundle(
            "The case bundle could not be imported: an attachment belongs to a record that is not in this child's "
            "file. Nothing was added."
        )
    _check_history(bundle, {str(r.id): r for r in records})
    _check_dates(records, store.vault.now().astimezone().date())
    carried = bundle_files(bundle)
    try:
        with store.db.transaction():
            store.add_many(records)
            for attachment in bundle.attachments:
                attached_files.add_file(
                    store.db,
                    str(attachment.id),
                    str(bundle.child.id),
                    attachment.stored_sha256,
                    carried[str(attachment.id)],
                )
            for record_id, amendments in bundle.amendments.items():
                store.restore_amendments(record_id, amendments)
            store.vault.audit(Audit.IMPORT, str(bundle.child.id), _import_detail(len(records), bundle.attachments))
    except IntegrityError as exc:  # a rule of the casebook's database; the transaction was rolled back
        raise MalformedBundle(
            "The case bundle could not be imported: it breaks a rule of the casebook. Nothing was added."
        ) from exc
    return Saved(bundle.child, Changes(frozenset(r.KIND for r in records), frozenset({str(bundle.child.id)})))


def _import_detail(count: int, attachments: list[Attachment]) -> str:
    """The audit detail of an import: how many records, and the SHA-256 of each attached file taken in."""
    detail = f"case bundle, {count} records"
    if attachments:
        detail += "; attachments sha256 " + ", ".join(a.stored_sha256 for a in attachments)
    return detail


def _upn_key(upn: str) -> str:
    return "".join(upn.split()).upper()


def _name_key(child: Child) -> tuple[str, str]:
    return (" ".join(child.legal_forename.split()).casefold(), " ".join(child.legal_surname.split()).casefold())


def _check_not_already_here(store: RecordStore, incoming: Child) -> None:
    """Refuse a child who is already in the casebook under another id: one child, one file.

    The same child is the same UPN, or the same legal name (any case and spacing) and date of birth. Merging two
    files is not offered: the DSL adds what is new to the existing file, where it is amended and audited.
    """
    upn, name = _upn_key(incoming.upn), _name_key(incoming)
    for child in store.all_of(Child):
        if upn and _upn_key(child.upn) == upn:
            why = "same UPN"
        elif child.dob == incoming.dob and _name_key(child) == name:
            why = "same legal name and date of birth"
        else:
            continue
        raise DuplicateChild(
            f"{quote_for_message(child.full_legal_name)} (born {dmy(child.dob)}, id {str(child.id)[:8]}) is already in "
            f"this casebook ({why}). Nothing was added: a child has one file. Add what is new to their file, or, "
            "if this is a different child, ask the sender to check the UPN, name and date of birth."
        )


def _check_dates(records: list[Record], today: date) -> None:
    """Refuse any record dated after ``today`` (an action's date is when it is due, which may be later)."""
    for record in records:
        dated: list[date | datetime | None] = [getattr(record, name) for name in happened_fields(type(record))]
        if not isinstance(record, Action):
            dated.append(record.occurred_on())
        for value in dated:
            day = value.date() if isinstance(value, datetime) else value
            if day is not None and day > today:
                raise FutureDatedRecord(
                    f"The case bundle could not be imported: it holds {label_in_sentence(record.LABEL)} dated "
                    f"{dmy(day)}, after today ({dmy(today)}). Nothing was added."
                )


def _check_links(records: list[Record]) -> None:
    """Every link (the concerns behind a referral, what started a plan, what a concern follows) names a record
    of this child in this bundle."""
    stray = foreign_links(records)
    if stray:
        record, _ = stray[0]
        raise MalformedBundle(
            f"The case bundle could not be imported: a {record.LABEL.lower()} links to a record that is not in "
            "this child's file. Nothing was added."
        )


def _check_history(bundle: CaseBundle, by_id: dict[str, Record]) -> None:
    """Each amended record brings its whole history (versions 2..N) and nothing else does."""
    for record_id, amendments in bundle.amendments.items():
        record = by_id.get(record_id)
        if record is None:
            raise MalformedBundle(
                "The case bundle could not be imported: amendments refer to a record that is not in it."
            )
        # compared one by one: a claimed version of a billion must not become a list of a billion numbers
        if len(amendments) != record.version - 1 or any(a.version != n for n, a in enumerate(amendments, start=2)):
            raise MalformedBundle(
                "The case bundle could not be imported: a record's amendments do not match its version. "
                "Nothing was added."
            )
        for amendment in amendments:
            try:
                json.dumps(amendment.previous, allow_nan=False, ensure_ascii=False).encode("utf-8")
            except ValueError as exc:  # NaN or infinity, or text that is not valid Unicode
                raise MalformedBundle(
                    "The case bundle could not be imported: an amendment holds a value that is not plain text "
                    "or a number. Nothing was added."
                ) from exc
    for record_id, record in by_id.items():
        if record.version > 1 and record_id not in bundle.amendments:
            raise MalformedBundle(
                "The case bundle could not be imported: an amended record has lost its amendment history. "
                "Nothing was added."
            )


def _exists(store: RecordStore, record_id: str) -> bool:
    return queries.record_exists(store.db, record_id)


def read_at_most(path: Path, limit: int) -> bytes | None:
    """The bytes of the regular file at ``path``, or None if it holds more than ``limit`` (found from its
    size before reading, and by never reading more than ``limit + 1`` bytes, in case it grows meanwhile).

    A folder raises IsADirectoryError and anything else that is not a regular file (a pipe, a device) an
    OSError, so a stream that never ends is never read. Other OSErrors are the caller's to word.
    """
    info = path.stat()
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "Is a folder", str(path))
    if not stat.S_ISREG(info.st_mode):
        raise OSError(errno.EINVAL, "Not a regular file", str(path))
    if info.st_size > limit:
        return None
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    return None if len(data) > limit else data


def read_input_file(path: Path, limit: int, kind: str) -> bytes | None:
    """The bytes of a file someone gave to be read in (a case bundle, a transfer pack), or None if it holds more
    than ``limit``. Raises CannotReadFile saying why, in words (``kind`` names what the file should be)."""
    shown = quote_for_message(path, 200)
    try:
        return read_at_most(path, limit)
    except FileNotFoundError as exc:
        raise CannotReadFile(f"There is no file at {shown}.") from exc
    except IsADirectoryError as exc:
        raise CannotReadFile(f"{shown} is a folder, not {kind}.") from exc
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise CannotReadFile(f"The file {shown} could not be read: {reason}.") from exc


def read_bundle_file(path: Path) -> CaseBundle:
    """Read and validate a case bundle file (refused before reading if it is larger than any bundle)."""
    data = read_input_file(path, MAX_BUNDLE_READ_BYTES, "a case bundle")
    if data is None:
        raise MalformedBundle(
            f"{quote_for_message(path, 200)} is too large to be a case bundle "
            f"(the largest this app reads is {MAX_BUNDLE_READ_BYTES // _MB} MB). "
            "Nothing was added."
        )
    return parse_bundle(data)

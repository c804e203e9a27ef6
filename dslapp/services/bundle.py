"""The case bundle (DESIGN §5): one child and everything recorded about them, as JSON.

The one interchange format: import, export, transfer packs and test fixtures all use it. Its JSON
Schema is generated from these models into ``data_schema/case-bundle.schema.json``.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from dslapp import __version__
from dslapp.errors import CannotWriteFile, CasebookError, MalformedBundle
from dslapp.models import (
    Action,
    AlertAcknowledgement,
    Amendment,
    Child,
    ChronologyEntry,
    Concern,
    EarlyHelpPlan,
    EarlyHelpReview,
    Escalation,
    Person,
    Professional,
    Record,
    Referral,
    SharingDecision,
    StatusChange,
    ThresholdDecision,
    Transfer,
)
from dslapp.models.base import STORED
from dslapp.services.changes import Changes
from dslapp.services.children import ChildFile, open_child_file
from dslapp.store import RecordStore
from dslapp.text import LONE_SURROGATE_MESSAGE, one_line, quote_for_message
from dslapp.vault.audit import Action as Audit
from dslapp.vault.sqlcipher import IntegrityError

BUNDLE_FORMAT = "dsl-casebook/case-bundle"
BUNDLE_VERSION = 1


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
    concerns: list[Concern] = Field(default_factory=list)
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


def bundle_schema() -> dict[str, Any]:
    schema = CaseBundle.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://dsl-casebook.invalid/schema/case-bundle.schema.json"
    return schema


def bundle_schema_text() -> str:
    return json.dumps(bundle_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def build_bundle(store: RecordStore, child_id: str) -> CaseBundle:
    """Everything about one child (and nothing about any other)."""
    child_file = open_child_file(store, child_id, audit=False)
    fields: dict[str, Any] = {attr: getattr(child_file, attr) for attr in ChildFile.SECTIONS.values()}
    amendments = {str(r.id): store.amendments(r.id) for r in child_file.records() if r.version > 1}
    return CaseBundle(
        exported_at=store.vault.now(),
        exported_by=store.vault.user.label,
        school=store.vault.school,
        app_version=__version__,
        child=child_file.child,
        amendments=amendments,
        **fields,
    )


def export_bundle(store: RecordStore, child_id: str, out: Path) -> CaseBundle:
    """Write a child's bundle to ``out`` (plaintext JSON: the user chose to take it out). Audited."""
    bundle = build_bundle(store, child_id)
    text = bundle.model_dump_json(indent=2)
    write_user_file(out, text.encode("utf-8"))
    store.vault.audit(Audit.EXPORT, child_id, "case bundle")
    return bundle


def write_user_file(out: Path, data: bytes) -> None:
    """Write a file the user asked for, with a plain-words error when that is not possible."""
    from dslapp.config import write_private_file

    if out.is_dir():
        raise CannotWriteFile(f"{out} is a folder. Choose a file name to save to.")
    if not out.parent.exists():
        raise CannotWriteFile(f"The folder {out.parent} does not exist. Choose another place to save.")
    try:
        write_private_file(out, data)
    except PermissionError as exc:
        raise CannotWriteFile(f"DSL Casebook is not allowed to save in {out.parent}. Choose another place.") from exc
    except OSError as exc:
        if exc.errno == 28:
            raise CannotWriteFile("The disk is full, so the file could not be saved. Nothing has been lost.") from exc
        raise CannotWriteFile(f"The file could not be saved to {out}: {exc.strerror or exc}.") from exc


def parse_bundle(data: bytes | str) -> CaseBundle:
    """Validate a bundle; a malformed one raises MalformedBundle naming the first bad field."""
    try:
        raw = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise MalformedBundle(f"This file is not a case bundle: it is not valid JSON ({exc}).") from exc
    if not isinstance(raw, dict) or raw.get("format") != BUNDLE_FORMAT:
        raise MalformedBundle("This file is not a DSL Casebook case bundle.")
    if isinstance(raw.get("version"), int) and raw["version"] > BUNDLE_VERSION:
        raise MalformedBundle("This case bundle was made by a newer version of DSL Casebook. Please update the app.")
    try:
        return CaseBundle.model_validate(raw, context=STORED)
    except ValidationError as exc:
        raise MalformedBundle(f"The case bundle could not be imported: {_explain(exc)}. Nothing was added.") from exc


def _explain(error: ValidationError) -> str:
    """Where the first problem is and what it is, on one line: a key or value from the file that the message
    quotes has its line breaks and control characters escaped."""
    first = error.errors()[0]
    where = _field_path(first.get("loc", ()))
    if first.get("type") == "extra_forbidden":
        return f"{where}: this is not something a case bundle holds"
    if first.get("type") == "string_unicode":
        return f"{where}: {LONE_SURROGATE_MESSAGE}"
    return f"{where}: {one_line(str(first.get('msg', 'is not valid')).removeprefix('Value error, '))}"


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


def import_bundle(store: RecordStore, bundle: CaseBundle) -> tuple[Child, Changes]:
    """Add a bundle's child and records in one transaction: all of it, or (on any error) nothing."""
    if _exists(store, str(bundle.child.id)):
        raise CasebookError(
            f"{quote_for_message(bundle.child.display_name)} is already in this casebook (same record id), "
            "so nothing was imported."
        )
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
    _check_history(bundle, {str(r.id): r for r in records})
    try:
        with store.db.transaction():
            store.add_many(records)
            for record_id, amendments in bundle.amendments.items():
                store.restore_amendments(record_id, amendments)
            store.vault.audit(Audit.IMPORT, str(bundle.child.id), f"case bundle, {len(records)} records")
    except IntegrityError as exc:  # a rule of the casebook's database; the transaction was rolled back
        raise MalformedBundle(
            "The case bundle could not be imported: it breaks a rule of the casebook. Nothing was added."
        ) from exc
    return bundle.child, Changes(frozenset(r.KIND for r in records), frozenset({str(bundle.child.id)}))


def _check_history(bundle: CaseBundle, by_id: dict[str, Record]) -> None:
    """Each amended record brings its whole history (versions 2..N) and nothing else does."""
    for record_id, amendments in bundle.amendments.items():
        record = by_id.get(record_id)
        if record is None:
            raise MalformedBundle(
                "The case bundle could not be imported: amendments refer to a record that is not in it."
            )
        # versions 2, 3, ... N, checked without building the list 2..N: N comes from the file
        versions = [a.version for a in amendments]
        if len(versions) != record.version - 1 or any(v != n for n, v in enumerate(versions, start=2)):
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
    return store.db.scalar("SELECT 1 FROM records WHERE id = ?", (record_id,)) is not None


def read_bundle_file(path: Path) -> CaseBundle:
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise MalformedBundle(f"There is no file at {quote_for_message(path, 200)}.") from exc
    except OSError as exc:
        raise MalformedBundle(
            f"The file {quote_for_message(path, 200)} could not be read: {exc.strerror or exc}."
        ) from exc
    return parse_bundle(data)

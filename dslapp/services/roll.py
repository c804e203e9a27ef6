"""The school roll: read an MIS export (CSV), map its columns, preview, match, import; and find roll pupils
while a concern is recorded.

Reading is forgiving of what MIS exports look like in practice (a byte-order mark, Windows-1252 or UTF-8,
``;`` or ``,`` between fields, UK dates, header names that vary by MIS). Matching is by UPN, then by legal
name and date of birth. An import replaces the roll kept (encrypted) in the vault, amends the children it
matches (each change an amendment with its reason, never a silent overwrite), adds as children only the
pupils the DSL chose, and is audited without naming anyone.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from dslapp.errors import CasebookError, InvalidRecord, RollFileUnreadable, RollMappingInvalid, RollPupilGone
from dslapp.models import Child, Person
from dslapp.models.child import add_years
from dslapp.models.roll import REQUIRED_ROLL_FIELDS, RollField, RollPupil, SchoolRoll
from dslapp.services.bundle import read_input_file
from dslapp.services.changes import Changes
from dslapp.services.results import Saved
from dslapp.store import RecordStore
from dslapp.store import roll as roll_store
from dslapp.store.records import validate
from dslapp.text import dmy, quote_for_message
from dslapp.vault.audit import Action as Audit

MAX_ROLL_BYTES = 20 * 1024 * 1024
"""Far more than any school's roll (a 3,000-pupil export with addresses is under 2 MB)."""

ROLL_KIND = "school_roll"
"""What ``Changes`` names when the roll itself changed (the concern dialog's child picker cares)."""

ColumnMapping = dict[RollField, str]
"""Which column of the export (by its header) holds each field."""

# Header names seen in SIMS, Arbor, Bromcom, ScholarPack and hand-made exports, compared without case,
# spaces or punctuation. The first that the file has wins.
_HEADER_GUESSES: dict[RollField, tuple[str, ...]] = {
    RollField.UPN: ("upn", "uniquepupilnumber", "pupilupn", "studentupn"),
    RollField.LEGAL_FORENAME: (
        "legalforename",
        "legalfirstname",
        "legalgivenname",
        "forename",
        "firstname",
        "givenname",
        "forenames",
    ),
    RollField.LEGAL_SURNAME: ("legalsurname", "legallastname", "legalfamilyname", "surname", "lastname", "familyname"),
    RollField.PREFERRED_FORENAME: (
        "preferredforename",
        "preferredfirstname",
        "preferredname",
        "knownas",
        "chosenname",
        "chosenforename",
    ),
    RollField.DOB: ("dob", "dateofbirth", "birthdate", "dateofbirthddmmyyyy"),
    RollField.YEAR_GROUP: ("yeargroup", "year", "ncyear", "nationalcurriculumyear", "curriculumyear", "yr"),
    RollField.GENDER: ("gender", "sex", "legalsex"),
    RollField.ADDRESS: ("address", "homeaddress", "addressblock", "fulladdress", "pupiladdress"),
    RollField.CONTACT_NAME: ("primarycontact", "primarycontactname", "contact1name", "contactname", "parentcarer"),
    RollField.CONTACT_RELATIONSHIP: (
        "primarycontactrelationship",
        "contact1relationship",
        "contactrelationship",
        "relationship",
    ),
    RollField.CONTACT_PHONE: (
        "primarycontactphone",
        "primarycontacttelephone",
        "contact1phone",
        "contact1telephone",
        "contactphone",
        "contacttelephone",
        "telephone",
        "phone",
    ),
}

_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d %b %Y", "%d %B %Y", "%d-%b-%Y")

NO_DOB = "no date of birth"
NO_NAME = "no legal forename or surname"
DUPLICATE_UPN = "its UPN is on more than one row of the file, so none of them is used"
DIFFERENT_UPN = "a child in the casebook has this name and date of birth but a different UPN: check which is right"
CONTACT_RELATIONSHIP_DEFAULT = "Contact named on the school roll"


@dataclass(frozen=True)
class RollTable:
    """An export as read: its header, its rows (all cells as text), and how the file was written."""

    headers: list[str]
    rows: list[list[str]]
    encoding: str
    delimiter: str

    def column(self, header: str) -> int | None:
        return self.headers.index(header) if header in self.headers else None


@dataclass(frozen=True)
class RollSkip:
    """A row of the file not used, and why (in words a DSL understands)."""

    row: int
    who: str
    reason: str

    def as_json(self) -> dict[str, Any]:
        return {"row": self.row, "who": self.who, "reason": self.reason}


@dataclass(frozen=True)
class RollReading:
    """The pupils a table holds under a mapping, and the rows that could not be used."""

    pupils: list[RollPupil]
    skipped: list[RollSkip]


@dataclass(frozen=True)
class RollMatch:
    """One pupil of the roll beside the casebook: the child it matches (if any), how, and what would change."""

    pupil: RollPupil
    child_id: str | None = None
    child_name: str = ""
    matched_by: str = ""
    """"UPN", "name and date of birth", or "" for a pupil with no file yet."""
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Child field: (casebook value, roll value), for each field the roll would update."""

    @property
    def is_new(self) -> bool:
        return self.child_id is None


@dataclass(frozen=True)
class RollPreview:
    """What an import would do, before anything is written."""

    table: RollTable
    mapping: ColumnMapping
    matches: list[RollMatch]
    skipped: list[RollSkip]

    @property
    def new_pupils(self) -> list[RollMatch]:
        return [m for m in self.matches if m.is_new]

    @property
    def updates(self) -> list[RollMatch]:
        return [m for m in self.matches if m.child_id and m.changes]


@dataclass(frozen=True)
class RollReport:
    """What an import did (or, in a dry run, would do)."""

    imported_on: date
    on_roll: int
    added: list[tuple[str, str]]
    """(name, child id) of each pupil added as a child (an empty id in a dry run)."""
    updated: list[tuple[str, str, list[str]]]
    """(name, child id, the fields amended) of each child updated from the roll."""
    unchanged: int
    not_chosen: int
    """Pupils with no file who were not chosen: kept on the roll for search, no file made."""
    skipped: list[RollSkip]
    dry_run: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "imported_on": self.imported_on.isoformat(),
            "dry_run": self.dry_run,
            "on_roll": self.on_roll,
            "added": [{"name": n, "child_id": i} for n, i in self.added],
            "updated": [{"name": n, "child_id": i, "fields": f} for n, i, f in self.updated],
            "unchanged": self.unchanged,
            "not_chosen": self.not_chosen,
            "skipped": [s.as_json() for s in self.skipped],
        }


# ---- reading the file --------------------------------------------------------------------------------


def read_roll_file(path: Path) -> RollTable:
    """Read an MIS export. Raises CannotReadFile or RollFileUnreadable (with why, in one line)."""
    data = read_input_file(path, MAX_ROLL_BYTES, "a school roll")
    if data is None:
        raise RollFileUnreadable(
            f"{quote_for_message(path, 200)} is too large to be a school roll "
            f"(the largest this app reads is {MAX_ROLL_BYTES // (1024 * 1024)} MB). Nothing was imported."
        )
    return parse_roll_bytes(data)


def decode_roll(data: bytes) -> tuple[str, str]:
    """The text of an export and the encoding it was in: UTF-8 (with or without a BOM), UTF-16 with a BOM,
    or Windows-1252 (what Excel on Windows writes for "CSV")."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as exc:
            raise RollFileUnreadable() from exc
    if b"\x00" in data:
        raise RollFileUnreadable(
            "That file is not a CSV export (it holds binary data). Export the roll from your MIS as CSV and try again."
        )
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "UTF-8"
        except UnicodeDecodeError as exc:
            raise RollFileUnreadable() from exc
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "Windows-1252"


def parse_roll_bytes(data: bytes) -> RollTable:
    """A table from the bytes of an export (see :func:`decode_roll`); the delimiter is sniffed."""
    text, encoding = decode_roll(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        raise RollFileUnreadable("That file is empty: there is no roll in it. Nothing was imported.")
    delimiter = _sniff_delimiter("\n".join(lines[:20]))
    try:
        rows = [
            [cell.strip() for cell in row] for row in csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)
        ]
    except csv.Error as exc:
        raise RollFileUnreadable(f"That file is not a well-formed CSV export ({exc}). Nothing was imported.") from exc
    headers = rows[0]
    named = [h for h in headers if h]
    if len(named) < 2:
        raise RollFileUnreadable()
    body = [row for row in rows[1:] if any(row)]
    if not body:
        raise RollFileUnreadable("That file has column names but no pupils. Nothing was imported.")
    # a header used twice keeps its first column (the mapping names columns by header)
    return RollTable(headers=headers, rows=body, encoding=encoding, delimiter=delimiter)


def _sniff_delimiter(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        first = sample.split("\n", 1)[0]
        counts = {d: first.count(d) for d in (",", ";", "\t", "|")}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def _normal(header: str) -> str:
    return re.sub(r"[^0-9a-z]", "", header.casefold())


def guess_mapping(headers: Iterable[str]) -> ColumnMapping:
    """The columns each field is probably in, from the header names (what the mapping step starts from)."""
    by_normal: dict[str, str] = {}
    for header in headers:
        by_normal.setdefault(_normal(header), header)
    mapping: ColumnMapping = {}
    used: set[str] = set()
    for roll_field, names in _HEADER_GUESSES.items():
        for name in names:
            found = by_normal.get(name)
            if found is not None and found not in used:
                mapping[roll_field] = found
                used.add(found)
                break
    return mapping


def mapping_from_json(data: Mapping[str, Any]) -> ColumnMapping:
    """A mapping from its JSON form (``{"upn": "UPN", "dob": "Date of Birth", ...}``)."""
    mapping: ColumnMapping = {}
    known = ", ".join(f.value for f in RollField)
    for key, value in data.items():
        try:
            roll_field = RollField(key)
        except ValueError as exc:
            raise RollMappingInvalid(
                f"The column mapping names {quote_for_message(key)}, which is not a roll field (use {known})."
            ) from exc
        if not isinstance(value, str):
            raise RollMappingInvalid(f"In the column mapping, {key} must be a column name in quotation marks.")
        if value.strip():
            mapping[roll_field] = value.strip()
    return mapping


def mapping_to_json(mapping: ColumnMapping) -> dict[str, str]:
    return {f.value: header for f, header in mapping.items()}


def read_mapping_file(path: Path) -> ColumnMapping:
    """A column mapping written as JSON (the CLI's ``--columns``)."""
    data = read_input_file(path, 64 * 1024, "a column mapping")
    try:
        parsed = json.loads(data or b"")
    except (ValueError, UnicodeDecodeError) as exc:
        raise RollMappingInvalid(
            f"{quote_for_message(path, 200)} is not a column mapping: it should be JSON such as "
            '{"upn": "UPN", "legal_forename": "Legal Forename", "dob": "DOB"}.'
        ) from exc
    if not isinstance(parsed, dict):
        raise RollMappingInvalid(f"{quote_for_message(path, 200)} should hold one JSON object of field: column.")
    return mapping_from_json(parsed)


def check_mapping(table: RollTable, mapping: ColumnMapping) -> None:
    """Raise RollMappingInvalid unless the mapping finds names and dates of birth in this table."""
    for roll_field, header in mapping.items():
        if table.column(header) is None:
            raise RollMappingInvalid(
                f"The file has no column called {quote_for_message(header)} (for {roll_field.label.lower()}). "
                "Choose the columns again. Nothing was imported."
            )
    missing = [f.label.lower() for f in REQUIRED_ROLL_FIELDS if f not in mapping]
    if missing:
        raise RollMappingInvalid(
            f"Say which column holds the pupils' {', '.join(missing)}: the roll cannot be matched without it. "
            "Nothing was imported."
        )


def parse_roll_date(text: str) -> date | None:
    """A date as MIS exports write it: dd/mm/yyyy (also with - or .), ISO yyyy-mm-dd, "04 Mar 2015", optionally
    followed by a time. None when it is not a date."""
    value = text.strip()
    candidates = [value]
    head = re.split(r"[ T]", value, maxsplit=1)[0]
    if head != value:
        candidates.append(head)
    for candidate in candidates:
        for fmt in _DATE_FORMATS:
            try:
                return datetime.strptime(candidate, fmt).date()
            except ValueError:
                continue
    return None


def read_pupils(table: RollTable, mapping: ColumnMapping, *, on: date) -> RollReading:
    """The pupils of a table under a mapping; each row that cannot be used is a RollSkip saying why."""
    check_mapping(table, mapping)
    columns = {f: table.column(h) for f, h in mapping.items()}

    def cell(row: list[str], roll_field: RollField) -> str:
        index = columns.get(roll_field)
        return row[index].strip() if index is not None and index < len(row) else ""

    pupils: list[RollPupil] = []
    skipped: list[RollSkip] = []
    for number, row in enumerate(table.rows, start=2):
        forename, surname = cell(row, RollField.LEGAL_FORENAME), cell(row, RollField.LEGAL_SURNAME)
        who = f"{forename} {surname}".strip() or cell(row, RollField.UPN) or f"row {number}"
        if not forename or not surname:
            skipped.append(RollSkip(number, who, NO_NAME))
            continue
        dob_text = cell(row, RollField.DOB)
        if not dob_text:
            skipped.append(RollSkip(number, who, NO_DOB))
            continue
        dob = parse_roll_date(dob_text)
        if dob is None:
            skipped.append(
                RollSkip(number, who, f"the date of birth {quote_for_message(dob_text)} is not a date (use dd/mm/yyyy)")
            )
            continue
        if dob > on:
            skipped.append(RollSkip(number, who, f"the date of birth {dmy(dob)} is in the future"))
            continue
        if dob < add_years(on, -26):
            skipped.append(RollSkip(number, who, f"the date of birth {dmy(dob)} is more than 25 years ago"))
            continue
        values = {f.value: cell(row, f) for f in RollField if f is not RollField.DOB}
        values["upn"] = values["upn"].replace(" ", "").upper()
        try:
            pupils.append(RollPupil.model_validate({**values, "row": number, "dob": dob}))
        except ValidationError:
            skipped.append(RollSkip(number, who, "a value in the row is too long or not text"))
    counts = Counter(p.upn for p in pupils if p.upn)
    duplicated = {upn for upn, n in counts.items() if n > 1}
    if duplicated:
        skipped.extend(
            RollSkip(p.row, f"{p.legal_forename} {p.legal_surname}", DUPLICATE_UPN)
            for p in pupils
            if p.upn in duplicated
        )
        pupils = [p for p in pupils if p.upn not in duplicated]
    skipped.sort(key=lambda s: s.row)
    return RollReading(pupils, skipped)


# ---- matching ------------------------------------------------------------------------------------------


def _name_key(forename: str, surname: str, dob: date) -> tuple[str, str, date]:
    return (forename.strip().casefold(), surname.strip().casefold(), dob)


class _Index:
    """The casebook's children by UPN and by legal name and date of birth."""

    def __init__(self, children: Iterable[Child]) -> None:
        self.by_upn: dict[str, Child] = {}
        self.by_name: dict[tuple[str, str, date], Child] = {}
        for child in children:
            if child.upn:
                self.by_upn.setdefault(child.upn.replace(" ", "").upper(), child)
            self.by_name.setdefault(_name_key(child.legal_forename, child.legal_surname, child.dob), child)

    def match(self, pupil: RollPupil) -> tuple[Child | None, str, str | None]:
        """(child, how, a reason to skip instead)."""
        if pupil.upn and pupil.upn in self.by_upn:
            return self.by_upn[pupil.upn], "UPN", None
        child = self.by_name.get(_name_key(pupil.legal_forename, pupil.legal_surname, pupil.dob))
        if child is None:
            return None, "", None
        if pupil.upn and child.upn and child.upn.replace(" ", "").upper() != pupil.upn:
            return child, "name and date of birth", DIFFERENT_UPN
        return child, "name and date of birth", None


def _child_values(pupil: RollPupil) -> dict[str, str]:
    """The child fields a roll pupil gives values for (empty roll cells never blank the casebook)."""
    known_as = pupil.preferred_forename
    if known_as.casefold() == pupil.legal_forename.casefold():
        known_as = ""
    values = {
        "legal_forename": pupil.legal_forename,
        "legal_surname": pupil.legal_surname,
        "known_as": known_as,
        "dob": pupil.dob.isoformat(),
        "upn": pupil.upn,
        "year_group": pupil.year_group,
        "gender": pupil.gender,
        "address": pupil.address,
    }
    return {k: v for k, v in values.items() if v}


def _differences(child: Child, pupil: RollPupil) -> dict[str, tuple[str, str]]:
    current = child.model_dump(mode="json")
    return {
        name: (str(current.get(name) or ""), value)
        for name, value in _child_values(pupil).items()
        if str(current.get(name) or "").strip() != value.strip()
    }


def preview_roll(store: RecordStore, table: RollTable, mapping: ColumnMapping) -> RollPreview:
    """What importing ``table`` under ``mapping`` would do: each pupil matched (or not) to a child, the changes
    the roll would make, and the rows that would be skipped. Writes nothing."""
    reading = read_pupils(table, mapping, on=store.vault.now().date())
    index = _Index(store.all_of(Child))
    matches: list[RollMatch] = []
    skipped = list(reading.skipped)
    claimed: dict[str, int] = {}
    for pupil in reading.pupils:
        child, how, problem = index.match(pupil)
        if problem is not None:
            skipped.append(RollSkip(pupil.row, pupil.display_name, problem))
            continue
        if child is None:
            matches.append(RollMatch(pupil))
            continue
        if str(child.id) in claimed:
            skipped.append(
                RollSkip(pupil.row, pupil.display_name, f"row {claimed[str(child.id)]} already matches the same child")
            )
            continue
        claimed[str(child.id)] = pupil.row
        matches.append(RollMatch(pupil, str(child.id), child.display_name, how, _differences(child, pupil)))
    skipped.sort(key=lambda s: s.row)
    return RollPreview(table, mapping, matches, skipped)


# ---- importing -------------------------------------------------------------------------------------------


def update_reason(on: date) -> str:
    return f"Updated from the school roll imported {dmy(on)}"


def import_roll(
    store: RecordStore,
    table: RollTable,
    mapping: ColumnMapping,
    *,
    add: Collection[str] = (),
    update: Collection[str] | None = None,
    dry_run: bool = False,
) -> Saved[RollReport]:
    """Import the roll: keep it (encrypted) for search, remember the mapping, amend the children it matches and
    add as children the pupils whose keys are in ``add`` (``RollPupil.key``). ``update``: the keys of matched
    pupils whose changes to apply (None: all). One transaction, one audit row (counts only). A dry run writes
    nothing and reports what would happen."""
    today = store.vault.now().date()
    preview = preview_roll(store, table, mapping)
    skipped = list(preview.skipped)
    added: list[tuple[str, str]] = []
    updated: list[tuple[str, str, list[str]]] = []
    unchanged = not_chosen = 0
    reason = update_reason(today)
    changes = Changes.of(ROLL_KIND)
    # a dry run must not even begin a transaction: it writes nothing at all
    with contextlib.nullcontext() if dry_run else store.db.transaction():
        for match in preview.matches:
            pupil = match.pupil
            if match.child_id is None:
                if pupil.key not in add:
                    not_chosen += 1
                    continue
                try:
                    child, contact = _new_child(store, pupil)
                except InvalidRecord as exc:
                    skipped.append(RollSkip(pupil.row, pupil.display_name, f"not added: {exc}"))
                    continue
                if not dry_run:
                    store.add(child)
                    if contact is not None:
                        store.add(contact)
                    changes = changes | Changes.of(Child.KIND, Person.KIND, child_id=str(child.id))
                added.append((pupil.display_name, "" if dry_run else str(child.id)))
                continue
            if not match.changes or (update is not None and pupil.key not in update):
                unchanged += 1
                continue
            try:
                if dry_run:
                    current = store.get_as(Child, match.child_id)
                    validate(Child, {**current.model_dump(mode="json"), **_child_values(pupil)})
                else:
                    store.amend(match.child_id, {k: v for k, (_, v) in match.changes.items()}, reason)
                    changes = changes | Changes.of(Child.KIND, child_id=match.child_id)
            except CasebookError as exc:
                skipped.append(RollSkip(pupil.row, pupil.display_name, f"not updated: {exc}"))
                continue
            updated.append((match.child_name, match.child_id, sorted(match.changes)))
        pupils = [m.pupil for m in preview.matches]
        report = RollReport(
            today, len(pupils), added, updated, unchanged, not_chosen, sorted(skipped, key=lambda s: s.row), dry_run
        )
        if not dry_run:
            roll = SchoolRoll(imported_on=today, pupils=pupils)
            roll_store.put_roll_json(store.db, roll.model_dump_json())
            roll_store.put_mapping_json(store.db, json.dumps(mapping_to_json(mapping), ensure_ascii=False))
            store.vault.audit(
                Audit.IMPORT,
                ROLL_KIND,
                f"{len(pupils)} pupils on the roll; {len(added)} added, {len(updated)} updated, "
                f"{len(report.skipped)} skipped",
            )
    return Saved(report, Changes() if dry_run else changes)


def _new_child(store: RecordStore, pupil: RollPupil) -> tuple[Child, Person | None]:
    child = validate(Child, {**_child_values(pupil), "school": store.vault.school})
    contact = None
    if pupil.contact_name:
        contact = validate(
            Person,
            {
                "child_id": str(child.id),
                "name": pupil.contact_name,
                "relationship": pupil.contact_relationship or CONTACT_RELATIONSHIP_DEFAULT,
                "phone": pupil.contact_phone,
                "address": pupil.address,
            },
        )
    return child, contact


# ---- the roll kept in the vault ----------------------------------------------------------------------


def saved_mapping(store: RecordStore) -> ColumnMapping:
    """The column mapping the school used last time (empty before the first import)."""
    text = roll_store.mapping_json(store.db)
    if not text:
        return {}
    try:
        return mapping_from_json(json.loads(text))
    except (ValueError, RollMappingInvalid):
        return {}


def mapping_for(store: RecordStore, table: RollTable) -> ColumnMapping:
    """The mapping to start from: the school's remembered columns that this file has, the rest guessed."""
    guessed = guess_mapping(table.headers)
    remembered = {f: h for f, h in saved_mapping(store).items() if table.column(h) is not None}
    used = set(remembered.values())
    return {**{f: h for f, h in guessed.items() if h not in used}, **remembered}


def school_roll(store: RecordStore) -> SchoolRoll | None:
    """The roll as last imported, or None."""
    text = roll_store.roll_json(store.db)
    return None if not text else SchoolRoll.model_validate_json(text)


def pupils_without_a_file(store: RecordStore) -> list[RollPupil]:
    """Roll pupils not yet children in the casebook, by surname (the concern dialog's type-ahead offers them).
    Audited as a list view of the roll."""
    roll = school_roll(store)
    if roll is None:
        return []
    index = _Index(store.all_of(Child))
    pupils = [p for p in roll.pupils if index.match(p)[0] is None]
    pupils.sort(key=lambda p: (p.legal_surname.casefold(), p.legal_forename.casefold()))
    store.vault.audit(Audit.LIST, ROLL_KIND, f"{len(pupils)} pupils without a file")
    return pupils


def add_child_from_roll(store: RecordStore, pupil_key: str) -> Saved[Child]:
    """Make a roll pupil a child with a file (chosen while recording a concern). If they already have one
    (added meanwhile), that child is returned and nothing is written."""
    roll = school_roll(store)
    pupil = next((p for p in roll.pupils if p.key == pupil_key), None) if roll else None
    if pupil is None:
        raise RollPupilGone()
    existing, _, _ = _Index(store.all_of(Child)).match(pupil)
    if existing is not None:
        return Saved(existing, Changes())
    child, contact = _new_child(store, pupil)
    with store.db.transaction():
        store.add(child)
        if contact is not None:
            store.add(contact)
        store.vault.audit(Audit.IMPORT, str(child.id), "child added from the school roll")
    return Saved(child, Changes.of(Child.KIND, Person.KIND, ROLL_KIND, child_id=str(child.id)))

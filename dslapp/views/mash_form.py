"""The MASH enquiry form as data: its sections, fields and labels, parsed from the TOML the school uses.

Local authorities use different forms ("MASH enquiry", "Request for Support", "MARF") with the same content in a
different order. The app stores each answer under a stable key; the TOML decides the order, headings and labels,
which answers are required, and when an answer is thin. Pure: ``dslapp.services.mash.form`` finds and reads the
file.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal, cast

from dslapp.errors import EnquiryFormInvalid

FieldKind = Literal["text", "line", "consent"]
KINDS: tuple[FieldKind, ...] = ("text", "line", "consent")

CONSENT_FIELDS = ("consent", "not_told_reason", "without_consent_reason")
"""Keys stored on the enquiry itself (``Referral`` attributes), not in its free-text ``form``: what the parents
were told and said (``kind = "consent"``), why they were not told, and why the enquiry went ahead without
their consent."""
LEGACY_CONSENT_KEYS = ("parents_aware", "parents_agreed", "consent_not_sought_reason")
CONSENT_SECTION = "{consent_section}"
"""In the declaration and messages: replaced by the number of the section that asks about consent."""


@dataclass(frozen=True)
class FormField:
    key: str
    label: str
    section: str
    kind: FieldKind = "text"
    help: str = ""
    required: bool = False
    advised: bool = False
    thin_words: int = 0
    options: tuple[str, ...] = ()
    missing: str = ""
    thin: str = ""

    @property
    def on_referral(self) -> bool:
        """True for the consent fields, stored as attributes of the ``Referral`` rather than in ``form``."""
        return self.key in CONSENT_FIELDS

    @property
    def missing_message(self) -> str:
        return self.missing or f"{self.label}: not filled in."

    @property
    def thin_message(self) -> str:
        return self.thin or f"{self.label}: say a little more."


@dataclass(frozen=True)
class FormSection:
    key: str
    heading: str
    intro: str
    columns: int
    fields: tuple[FormField, ...]


@dataclass(frozen=True)
class EnquiryForm:
    title: str
    subtitle: str
    request_type: str
    recipient: str
    declaration: str
    sections: tuple[FormSection, ...]
    source: str = ""
    """Where the form was read from (for messages)."""

    def fields(self) -> Iterator[FormField]:
        for section in self.sections:
            yield from section.fields

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields())

    @property
    def form_keys(self) -> tuple[str, ...]:
        """Keys stored in ``Referral.form`` (every key except the consent attributes)."""
        return tuple(f.key for f in self.fields() if not f.on_referral)

    def field(self, key: str) -> FormField:
        for candidate in self.fields():
            if candidate.key == key:
                return candidate
        raise KeyError(key)

    def has(self, key: str) -> bool:
        return any(f.key == key for f in self.fields())

    def section_number(self, key: str) -> int:
        """1-based position of the section ``key`` (as printed)."""
        for number, section in enumerate(self.sections, start=1):
            if section.key == key:
                return number
        raise KeyError(key)


def _text(table: Mapping[str, Any], name: str, where: str, *, required: bool = True) -> str:
    value = table.get(name, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise ValueError(f"{where}: '{name}' must be {'non-empty ' if required else ''}text")
    return value.strip()


def _field(raw: Mapping[str, Any], section: str, where: str) -> FormField:
    key = _text(raw, "key", where)
    where = f"{where} field '{key}'"
    kind = raw.get("kind", "text")
    if kind not in KINDS:
        raise ValueError(f"{where}: kind must be one of {', '.join(KINDS)}")
    if key in LEGACY_CONSENT_KEYS or kind == "yes_no":
        raise ValueError(
            f"{where}: the yes/no consent questions are now one question, "
            'key = "consent" with kind = "consent", with "not_told_reason" and "without_consent_reason" for the '
            "reasons"
        )
    if kind == "consent" and key != "consent":
        raise ValueError(f'{where}: only the "consent" question can be kind = "consent"')
    if key == "consent" and kind != "consent":
        raise ValueError(f'{where}: must be kind = "consent"')
    thin_words = raw.get("thin_words", 0)
    if not isinstance(thin_words, int) or thin_words < 0:
        raise ValueError(f"{where}: thin_words must be a whole number, 0 or more")
    options = raw.get("options", [])
    if not isinstance(options, list) or not all(isinstance(o, str) for o in options):
        raise ValueError(f"{where}: options must be a list of text")
    for flag in ("required", "advised"):
        if not isinstance(raw.get(flag, False), bool):
            raise ValueError(f"{where}: {flag} must be true or false")
    unknown = set(raw) - {
        "key",
        "label",
        "kind",
        "help",
        "required",
        "advised",
        "thin_words",
        "options",
        "missing",
        "thin",
    }
    if unknown:
        raise ValueError(f"{where}: unknown setting {sorted(unknown)[0]!r}")
    return FormField(
        key=key,
        label=_text(raw, "label", where),
        section=section,
        kind=cast(FieldKind, kind),
        help=_text(raw, "help", where, required=False),
        required=bool(raw.get("required", False)),
        advised=bool(raw.get("advised", False)),
        thin_words=thin_words,
        options=tuple(o.strip() for o in options if o.strip()),
        missing=_text(raw, "missing", where, required=False),
        thin=_text(raw, "thin", where, required=False),
    )


def parse_enquiry_form(data: Mapping[str, Any], source: str = "") -> EnquiryForm:
    """Build and check a form from parsed TOML. Raises ValueError naming the first problem."""
    sections: list[FormSection] = []
    seen_keys: set[str] = set()
    seen_sections: set[str] = set()
    raw_sections = data.get("sections")
    if not isinstance(raw_sections, list) or not raw_sections:
        raise ValueError("the form needs at least one [[sections]] table")
    for index, raw in enumerate(raw_sections, start=1):
        if not isinstance(raw, dict):
            raise ValueError(f"section {index} is not a table")
        key = _text(raw, "key", f"section {index}")
        where = f"section '{key}'"
        if key in seen_sections:
            raise ValueError(f"{where}: the key is used twice")
        seen_sections.add(key)
        columns = raw.get("columns", 2)
        if not isinstance(columns, int) or not 1 <= columns <= 4:
            raise ValueError(f"{where}: columns must be 1 to 4")
        raw_fields = raw.get("fields", [])
        if not isinstance(raw_fields, list) or not raw_fields:
            raise ValueError(f"{where}: needs at least one [[sections.fields]] table")
        fields = []
        for raw_field in raw_fields:
            if not isinstance(raw_field, dict):
                raise ValueError(f"{where}: a field is not a table")
            field = _field(raw_field, key, where)
            if field.key in seen_keys:
                raise ValueError(f"{where} field '{field.key}': the key is used twice in the form")
            seen_keys.add(field.key)
            fields.append(field)
        sections.append(
            FormSection(
                key=key,
                heading=_text(raw, "heading", where),
                intro=_text(raw, "intro", where, required=False),
                columns=columns,
                fields=tuple(fields),
            )
        )
    sections = _number_references(sections)
    declaration = _text(data, "declaration", "the form", required=False)
    return EnquiryForm(
        title=_text(data, "title", "the form"),
        subtitle=_text(data, "subtitle", "the form", required=False),
        request_type=_text(data, "request_type", "the form", required=False) or "MASH enquiry",
        recipient=_text(data, "recipient", "the form", required=False),
        declaration=declaration.replace(CONSENT_SECTION, _consent_section(sections)),
        sections=tuple(sections),
        source=source,
    )


def _consent_section(sections: list[FormSection]) -> str:
    for number, section in enumerate(sections, start=1):
        if any(f.key in CONSENT_FIELDS for f in section.fields):
            return str(number)
    return "on consent"


def _number_references(sections: list[FormSection]) -> list[FormSection]:
    """Put the consent section's number wherever a text says ``{consent_section}`` (so reordering the
    form never leaves a wrong cross-reference)."""
    number = _consent_section(sections)

    def fix(spec: FormField) -> FormField:
        return replace(
            spec,
            help=spec.help.replace(CONSENT_SECTION, number),
            missing=spec.missing.replace(CONSENT_SECTION, number),
            thin=spec.thin.replace(CONSENT_SECTION, number),
        )

    return [replace(section, fields=tuple(fix(f) for f in section.fields)) for section in sections]


def parse_form_text(text: str, source: str) -> EnquiryForm:
    try:
        return parse_enquiry_form(tomllib.loads(text), source)
    except tomllib.TOMLDecodeError as exc:
        raise EnquiryFormInvalid(f"The MASH enquiry form {source} is not valid TOML ({exc}).") from exc
    except ValueError as exc:
        raise EnquiryFormInvalid(f"The MASH enquiry form {source} is not valid: {exc}.") from exc

"""The MASH enquiry form as data: its sections, fields and labels, parsed from the TOML the school uses.

Local authorities use different forms ("MASH enquiry", "Request for Support", "MARF") with the same content in a
different order. The app stores each answer under a stable key; the TOML decides the order, headings and labels,
which answers are required, and when an answer is thin. Pure: ``dslapp.services.mash.form`` finds and reads the
file.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Annotated, Any, Literal

from pydantic import Field, StrictBool, StrictInt, StringConstraints, field_validator, model_validator

from dslapp import settings_files
from dslapp.errors import EnquiryFormInvalid
from dslapp.settings_files import FileModel

FieldKind = Literal["text", "line", "consent"]
KINDS: tuple[FieldKind, ...] = ("text", "line", "consent")

CONSENT_FIELDS = ("consent", "not_told_reason", "without_consent_reason")
"""Keys stored on the enquiry itself (``Referral`` attributes), not in its free-text ``form``: what the parents
were told and said (``kind = "consent"``), why they were not told, and why the enquiry went ahead without
their consent."""
LEGACY_CONSENT_KEYS = ("parents_aware", "parents_agreed", "consent_not_sought_reason")
CONSENT_SECTION = "{consent_section}"
"""In the declaration and messages: replaced by the number of the section that asks about consent."""


# ---- the file, as read (unknown keys are errors) -------------------------------------------------------

WHAT = "MASH enquiry form"
"""How messages name the form's file (``There is a mistake in the MASH enquiry form file …``)."""

Words = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Text = Annotated[str, StringConstraints(strip_whitespace=True)]


class FieldFile(FileModel):
    """One ``[[sections.fields]]`` table."""

    key: Words
    label: Words
    kind: FieldKind = "text"
    help: Text = ""
    required: StrictBool = False
    advised: StrictBool = False
    thin_words: StrictInt = Field(default=0, ge=0)
    options: tuple[str, ...] = ()
    """Suggested answers (blank ones are left out)."""
    missing: Text = ""
    thin: Text = ""

    @field_validator("options")
    @classmethod
    def _no_blank_options(cls, options: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(o.strip() for o in options if o.strip())

    @model_validator(mode="before")
    @classmethod
    def _not_the_old_consent_questions(cls, data: Any) -> Any:
        """A school's form file written for the old yes/no consent questions gets told what to change."""
        if isinstance(data, Mapping) and (data.get("key") in LEGACY_CONSENT_KEYS or data.get("kind") == "yes_no"):
            raise ValueError(
                "the yes/no consent questions are now one question, "
                'key = "consent" with kind = "consent", with "not_told_reason" and "without_consent_reason" for the '
                "reasons"
            )
        return data

    @model_validator(mode="after")
    def _consent_kinds(self) -> FieldFile:
        if self.kind == "consent" and self.key != "consent":
            raise ValueError('only the "consent" question can be kind = "consent"')
        if self.key == "consent" and self.kind != "consent":
            raise ValueError('must be kind = "consent"')
        return self


class FormField(FieldFile):
    """A field as the app uses it: as read from the file, with the key of the section it is in."""

    section: str = ""

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


class SectionFile(FileModel):
    """One ``[[sections]]`` table."""

    key: Words
    heading: Words
    intro: Text = ""
    columns: StrictInt = Field(default=2, ge=1, le=4)
    fields: tuple[FieldFile, ...] = Field(min_length=1)


class EnquiryFormFile(FileModel):
    """``enquiry_form.toml`` as read: the form's own words and its sections in order."""

    title: Words
    subtitle: Text = ""
    request_type: Text = ""
    recipient: Text = ""
    declaration: Text = ""
    sections: tuple[SectionFile, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _keys_once(self) -> EnquiryFormFile:
        sections = [s.key for s in self.sections]
        twice = next((k for k in sections if sections.count(k) > 1), None)
        if twice:
            raise ValueError(f"the section key {twice} is used twice")
        keys = [f.key for s in self.sections for f in s.fields]
        twice = next((k for k in keys if keys.count(k) > 1), None)
        if twice:
            raise ValueError(f"the field key {twice} is used twice in the form")
        return self


def build_enquiry_form(file: EnquiryFormFile, source: str = "") -> EnquiryForm:
    """The form as the app uses it, from the file as read."""
    sections = [
        FormSection(
            key=section.key,
            heading=section.heading,
            intro=section.intro,
            columns=section.columns,
            fields=tuple(FormField(**f.model_dump(), section=section.key) for f in section.fields),
        )
        for section in file.sections
    ]
    sections = _number_references(sections)
    return EnquiryForm(
        title=file.title,
        subtitle=file.subtitle,
        request_type=file.request_type or "MASH enquiry",
        recipient=file.recipient,
        declaration=file.declaration.replace(CONSENT_SECTION, _consent_section(sections)),
        sections=tuple(sections),
        source=source,
    )


def parse_enquiry_form(data: Mapping[str, Any], source: str = "") -> EnquiryForm:
    """Build and check a form from parsed TOML. Raises EnquiryFormInvalid naming the first problem."""
    file = settings_files.SettingsFile(source or "enquiry_form.toml", data)
    return build_enquiry_form(settings_files.validate(EnquiryFormFile, [file], WHAT, EnquiryFormInvalid), source)


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
        return spec.model_copy(
            update={
                "help": spec.help.replace(CONSENT_SECTION, number),
                "missing": spec.missing.replace(CONSENT_SECTION, number),
                "thin": spec.thin.replace(CONSENT_SECTION, number),
            }
        )

    return [replace(section, fields=tuple(fix(f) for f in section.fields)) for section in sections]

"""The MASH enquiry form: its sections, fields and labels, read from ``resources/mash/enquiry_form.toml``.

Local authorities use different forms ("MASH enquiry", "Request for Support", "MARF") with the same
content in a different order. The app stores each answer under a stable key; the TOML decides the
order, headings and labels, which answers are required, and when an answer is thin. A custom copy can
be loaded from any path (``load_enquiry_form(path)``), or named in the app settings
(``Settings.extra["mash_form"]``) so that ``current_enquiry_form()`` uses it everywhere.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from dslapp import settings_files
from dslapp.config import Settings
from dslapp.errors import EnquiryFormInvalid as EnquiryFormInvalid  # re-exported: raised by this form loader
from dslapp.views.mash_form import (
    CONSENT_FIELDS,
    CONSENT_SECTION,
    KINDS,
    WHAT,
    EnquiryForm,
    EnquiryFormFile,
    FieldKind,
    FormField,
    FormSection,
    build_enquiry_form,
    parse_enquiry_form,
)

FORM_FOLDER = "mash"
FORM_NAME = "enquiry_form.toml"
SETTINGS_KEY = "mash_form"
"""``Settings.extra`` key naming a custom form file."""


__all__ = [
    "CONSENT_FIELDS",
    "CONSENT_SECTION",
    "FORM_FOLDER",
    "FORM_NAME",
    "KINDS",
    "SETTINGS_KEY",
    "EnquiryForm",
    "EnquiryFormInvalid",
    "FieldKind",
    "FormField",
    "FormSection",
    "current_enquiry_form",
    "load_enquiry_form",
    "parse_enquiry_form",
]


def load_enquiry_form(path: Path | None = None) -> EnquiryForm:
    """The enquiry form from ``path``, or the app's default form (``resources/mash/enquiry_form.toml``).

    A form of the school's own stands alone (nothing of the default form is merged into it). Raises
    ``EnquiryFormInvalid`` with a plain message if the file is missing or not a valid form.
    """
    if path is None:
        return _default_form()
    file = settings_files.load(EnquiryFormFile, WHAT, overrides=(Path(path),), error=EnquiryFormInvalid)
    return build_enquiry_form(file, str(path))


def current_enquiry_form() -> EnquiryForm:
    """The form this installation uses: the one named in the settings, else the default."""
    custom = Settings.load().extra.get(SETTINGS_KEY, "").strip()
    return load_enquiry_form(Path(custom).expanduser()) if custom else _default_form()


@cache
def _default_form() -> EnquiryForm:
    shipped = (f"{FORM_FOLDER}/{FORM_NAME}",)
    file = settings_files.load(EnquiryFormFile, WHAT, shipped=shipped, error=EnquiryFormInvalid)
    return build_enquiry_form(file, FORM_NAME)

"""The MASH enquiry form's old import path, kept while other branches still import from it.

The form now lives in :mod:`dslapp.services.mash.form`, and ``dslapp.services.mash`` exports every name
below. Import from there; delete this module once nothing imports ``dslapp.services.mash_form``.
"""

from __future__ import annotations

from dslapp.services.mash.form import (
    CONSENT_FIELDS,
    CONSENT_SECTION,
    FORM_FOLDER,
    FORM_NAME,
    KINDS,
    SETTINGS_KEY,
    EnquiryForm,
    EnquiryFormInvalid,
    FieldKind,
    FormField,
    FormSection,
    current_enquiry_form,
    load_enquiry_form,
    parse_enquiry_form,
)

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

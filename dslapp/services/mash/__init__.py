"""The MASH enquiry (Request for Support): start it pre-filled from the case, edit it, check it, send it,
track what happened (DOMAIN.md, "A MASH enquiry").

Where to look:

- ``form``: the form's sections, fields, labels and rules, read from ``resources/mash/enquiry_form.toml``
  (or a local authority's copy named in the settings).
- ``prefill``: the answers the child's file already gives (``prefill_enquiry``, the one pre-fill), and
  ``printed_enquiry``, the enquiry as exported: empty answers filled from the file, whatever its origin.
- ``editing``: start a draft (``start_enquiry``), open it in the editor, autosave, save.
- ``completeness``: what is missing or thin, each gap naming its field; the consent check.
- ``status``: ``mark_sent`` → ``mark_acknowledged`` (optional) → ``record_outcome``, and
  ``disagree_with_outcome``, which starts an escalation under the Case Resolution Protocol.
- ``common``: today by the vault's clock, what a save changed, the date format.

Every step is an amendment of the ``Referral`` with a dated reason, so it is audited and the earlier
state is kept. Callers import from this package (``from dslapp.services import mash``); every name
below is exported here.
"""

from __future__ import annotations

from dslapp.services.mash.common import dmy
from dslapp.services.mash.completeness import (
    Gap,
    GapKind,
    completeness,
    consent_problem,
    field_value,
    is_complete,
)
from dslapp.services.mash.editing import (
    AUTOSAVE_KIND,
    DRAFT_UPDATED,
    EnquiryEditor,
    apply_edits,
    autosave_enquiry,
    discard_pending_edits,
    latest_enquiry,
    open_enquiry,
    pending_edits,
    start_enquiry,
    update_enquiry,
)
from dslapp.services.mash.form import (
    CONSENT_FIELDS,
    EnquiryForm,
    EnquiryFormInvalid,
    FormField,
    FormSection,
    current_enquiry_form,
    load_enquiry_form,
    parse_enquiry_form,
)
from dslapp.services.mash.prefill import (
    MAX_TRIED,
    ROLE_NAMES,
    prefill_enquiry,
    printed_enquiry,
    role_name,
    suggested_answers,
)
from dslapp.services.mash.status import (
    SENT_VIA_LABELS,
    disagree_with_outcome,
    mark_acknowledged,
    mark_sent,
    record_outcome,
)

__all__ = [
    "AUTOSAVE_KIND",
    "CONSENT_FIELDS",
    "DRAFT_UPDATED",
    "MAX_TRIED",
    "ROLE_NAMES",
    "SENT_VIA_LABELS",
    "EnquiryEditor",
    "EnquiryForm",
    "EnquiryFormInvalid",
    "FormField",
    "FormSection",
    "Gap",
    "GapKind",
    "apply_edits",
    "autosave_enquiry",
    "completeness",
    "consent_problem",
    "current_enquiry_form",
    "disagree_with_outcome",
    "discard_pending_edits",
    "dmy",
    "field_value",
    "is_complete",
    "latest_enquiry",
    "load_enquiry_form",
    "mark_acknowledged",
    "mark_sent",
    "open_enquiry",
    "parse_enquiry_form",
    "pending_edits",
    "prefill_enquiry",
    "printed_enquiry",
    "record_outcome",
    "role_name",
    "start_enquiry",
    "suggested_answers",
    "update_enquiry",
]

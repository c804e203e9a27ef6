"""What is missing or thin in a MASH enquiry (the checks themselves are pure: ``dslapp.views.mash_enquiry``)."""

from __future__ import annotations

from dslapp.models import Referral
from dslapp.services.mash.form import current_enquiry_form
from dslapp.views.child_file import ChildFile
from dslapp.views.mash_enquiry import Gap, GapKind, consent_problem, field_value, is_complete
from dslapp.views.mash_enquiry import completeness as gaps_in
from dslapp.views.mash_form import EnquiryForm

__all__ = ["Gap", "GapKind", "completeness", "consent_problem", "field_value", "is_complete"]


def completeness(
    referral: Referral, child_file: ChildFile | None = None, *, form: EnquiryForm | None = None
) -> list[Gap]:
    """What is missing or thin in the enquiry, in form order (with this installation's form unless given)."""
    return gaps_in(referral, child_file, form=form or current_enquiry_form())

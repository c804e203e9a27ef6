"""What is missing or thin in a MASH enquiry, before it is sent.

``completeness`` lists the gaps in form order, each naming its field so the editor can go to it: a
required answer left empty (``missing``: the enquiry is incomplete and an export is marked DRAFT), a
very short answer (``thin``), or an empty optional answer the Front Door usually wants (``advised``).
With the child's file it also notices what the file has that the enquiry lacks.

Consent: parents should normally be told and asked; where telling them could increase the risk (for
example suspected sexual abuse within the family, fabricated or induced illness, domestic abuse) they
need not be, but the reason must be recorded. ``consent_problem`` says what is missing; a draft may be
saved without it, but ``dslapp.services.mash.status.mark_sent`` refuses. Pure: the form is handed in
(``dslapp.services.mash.completeness`` supplies the school's form when none is given).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from dslapp.models import Referral
from dslapp.models.referral import ParentConsent, SentVia
from dslapp.views.child_file import ChildFile
from dslapp.views.mash_form import EnquiryForm, FormField

SENT_VIA_LABELS = {SentVia.ONLINE_FORM: "online form", SentVia.PHONE: "phone", SentVia.EMAIL: "email"}

ROLE_NAMES = {
    "dsl": "Designated Safeguarding Lead (DSL)",
    "deputy dsl": "Deputy Designated Safeguarding Lead",
    "ddsl": "Deputy Designated Safeguarding Lead",
    "deputy": "Deputy Designated Safeguarding Lead",
}


def role_name(role: str) -> str:
    """A role as the MASH should read it ("DSL" → "Designated Safeguarding Lead (DSL)")."""
    return ROLE_NAMES.get(role.strip().casefold(), role.strip())


GapKind = Literal["missing", "thin", "advised"]


@dataclass(frozen=True)
class Gap:
    """Something missing or thin in an enquiry, naming the field so the editor can go to it."""

    field: str
    """The field's key (``form`` key, or a consent attribute)."""
    section: str
    label: str
    kind: GapKind
    """``missing``: a required answer is empty (the enquiry is incomplete); ``thin``: an answer is very
    short; ``advised``: an optional answer the Front Door usually wants is empty."""
    message: str

    @property
    def blocking(self) -> bool:
        return self.kind == "missing"


def field_value(referral: Referral, key: str) -> str:
    """An answer as text (the consent case as its label, e.g. "Told, and refused consent")."""
    if key == "consent":
        return referral.consent.label if referral.consent is not None else ""
    if key in ("not_told_reason", "without_consent_reason"):
        text: str = getattr(referral, key)
        return text.strip()
    return referral.form.get(key, "").strip()


def filled_from_file(referral: Referral, from_file: Mapping[str, str]) -> Referral:
    """``referral`` with the answers ``from_file`` gives filled in wherever its form is empty (an answer typed
    into the form always wins). Not saved: this is the enquiry as it is printed."""
    typed = {key: value for key, value in referral.form.items() if value.strip()}
    filled = {key: value for key, value in from_file.items() if value.strip() and key not in typed}
    if not filled:
        return referral
    return referral.model_copy(update={"form": {**referral.form, **filled}})


def filled_keys(saved: Referral, printed: Referral) -> frozenset[str]:
    """The answers of ``printed`` that come from the child's file rather than from what was typed in ``saved``."""
    typed = {key for key, value in saved.form.items() if value.strip()}
    return frozenset(key for key, value in printed.form.items() if value.strip() and key not in typed)


_REASON_FOR = {
    ParentConsent.TOLD_REFUSED: "without_consent_reason",
    ParentConsent.TOLD_NOT_ASKED: "without_consent_reason",
    ParentConsent.NOT_TOLD: "not_told_reason",
}


def printed_value(referral: Referral, key: str) -> str:
    """An answer as a printed form shows it: a consent reason the recorded case does not ask for, left empty,
    says so ("Does not apply: told, and refused consent") instead of "Not provided"."""
    value = field_value(referral, key)
    if value or key not in ("not_told_reason", "without_consent_reason") or referral.consent is None:
        return value
    if _REASON_FOR.get(referral.consent) == key:
        return value
    return f"Does not apply: {referral.consent.label[:1].lower()}{referral.consent.label[1:]}"


def consent_problem(referral: Referral) -> str | None:
    """Why the consent answers do not allow sending, or None if they do."""
    if referral.consent is None:
        return "Say whether the parents or carers were told about this enquiry, and whether they agreed."
    if referral.consent == ParentConsent.NOT_TOLD and not referral.not_told_reason.strip():
        return (
            "Say why the parents were not told about this enquiry (for example, telling them could increase the "
            "risk to the child)."
        )
    if referral.consent == ParentConsent.TOLD_REFUSED and not referral.without_consent_reason.strip():
        return "The parents refused consent: say why the enquiry is going ahead without their consent."
    if referral.consent == ParentConsent.TOLD_NOT_ASKED and not referral.without_consent_reason.strip():
        return "Say why their consent was not sought."
    return None


def consent_problem_field(referral: Referral) -> str:
    """The consent field a ``consent_problem`` belongs to (so the editor can go to it)."""
    if referral.consent is None:
        return "consent"
    return "not_told_reason" if referral.consent == ParentConsent.NOT_TOLD else "without_consent_reason"


def _words(text: str) -> int:
    return len(text.split())


def completeness(referral: Referral, child_file: ChildFile | None = None, *, form: EnquiryForm) -> list[Gap]:
    """What is missing or thin in the enquiry, in form order.

    With the child's file, it also notices what the file has that the enquiry lacks (e.g. the child's
    words recorded in concerns but not quoted here).
    """
    gaps: list[Gap] = []

    def gap(spec: FormField, kind: GapKind, message: str) -> None:
        gaps.append(Gap(spec.key, spec.section, spec.label, kind, message))

    consent_message = consent_problem(referral)
    consent_field = consent_problem_field(referral)
    for spec in form.fields():
        value = field_value(referral, spec.key)
        if spec.key == "consent":
            if referral.consent is None:
                gap(spec, "missing", spec.missing_message)
            continue
        if spec.key in ("not_told_reason", "without_consent_reason"):
            if consent_message and referral.consent is not None and spec.key == consent_field:
                gap(spec, "missing", consent_message)
            continue
        if not value:
            message = spec.missing_message
            if spec.key == "child_words" and child_file is not None:
                spoken = [c for c in child_file.concerns if c.child_words.strip()]
                if spoken:
                    message = (
                        f"The child's words are recorded in {len(spoken)} concern{'s' if len(spoken) != 1 else ''} "
                        "but not quoted in this enquiry."
                    )
            if spec.required:
                gap(spec, "missing", message)
            elif spec.advised:
                gap(spec, "advised", message)
            continue
        if spec.thin_words and _words(value) < spec.thin_words:
            gap(spec, "thin", spec.thin_message)
        no_pr = (
            child_file is not None
            and child_file.people
            and not any(p.parental_responsibility for p in child_file.people)
        )
        if spec.key == "household" and no_pr:
            gap(spec, "advised", "No one in the child's file has parental responsibility: say who has it.")
    if not form.has(consent_field) and consent_message and referral.consent is not None:
        gaps.append(Gap(consent_field, "consent", "Consent", "missing", consent_message))
    return gaps


def is_complete(gaps: Iterable[Gap]) -> bool:
    """True when nothing required is missing (thin or advised gaps do not make a draft incomplete)."""
    return not any(g.blocking for g in gaps)


__all__ = [
    "Gap",
    "GapKind",
    "completeness",
    "consent_problem",
    "consent_problem_field",
    "field_value",
    "filled_from_file",
    "filled_keys",
    "is_complete",
    "printed_value",
]

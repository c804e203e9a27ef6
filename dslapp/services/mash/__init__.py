"""The MASH enquiry: start it pre-filled from the case, edit it, check it, send it, track what happened.

Flow (DOMAIN.md, "A MASH enquiry"): ``start_enquiry`` saves a draft ``Referral`` pre-filled from the
child's file; the editor autosaves; ``completeness`` lists what is missing or thin, each gap naming its
field so the editor can jump to it; ``mark_sent`` → ``mark_acknowledged`` (optional) →
``record_outcome``; ``disagree_with_outcome`` starts an escalation under the Case Resolution Protocol.

Autosave (a design choice): keystroke-level autosaves go to ``services.drafts`` (encrypted in the vault,
committed at once, offered back after a lock or crash) under one draft per enquiry, and are applied to
the ``Referral`` as a single amendment ("Draft updated") when the DSL saves (``update_enquiry``), or
automatically just before the enquiry is marked as sent. Amending the record on every autosave would
bury the amendment history (each amendment keeps the full previous text) under hundreds of versions;
this way the history shows each deliberate save, and nothing typed is lost.

Consent: parents should normally be told and asked; where telling them could increase the risk (for
example suspected sexual abuse within the family, fabricated or induced illness, domestic abuse) they
need not be, but the reason must be recorded. A draft may be saved without the reason; an enquiry
cannot be marked as sent without it (``ConsentReasonNeeded``).

Every step is an amendment of the ``Referral`` with a dated reason, so it is audited (``amend``) and
the earlier state is kept; sent enquiries and outcomes appear in the chronology and in Today.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Literal

from dslapp.errors import ConsentReasonNeeded, InvalidRecord, ReferralStepNotAllowed
from dslapp.guidance.mash_form import DOMAIN_KEYS, early_help_history, recent_concerns
from dslapp.models import (
    Child,
    Escalation,
    Referral,
    ReferralOutcome,
    ReferralStatus,
    ThresholdDecision,
)
from dslapp.models.child import DESIGNATION_LABELS, ChildStatus, Designation
from dslapp.models.concern import DslDecision
from dslapp.models.early_help import LEVEL_LABELS
from dslapp.models.referral import DisagreementType, SentVia
from dslapp.services import drafts
from dslapp.services.changes import Changes
from dslapp.services.children import ChildFile, open_child_file
from dslapp.services.escalation import escalate_referral_outcome
from dslapp.services.mash.form import CONSENT_FIELDS, EnquiryForm, FormField, current_enquiry_form
from dslapp.services.recording import record as record_new
from dslapp.services.thresholds import latest_threshold_decision
from dslapp.store import RecordStore
from dslapp.text import quote_for_message

AUTOSAVE_KIND = "mash_enquiry"
DRAFT_UPDATED = "Draft updated"
MAX_TRIED = 8

SENT_VIA_LABELS = {SentVia.ONLINE_FORM: "online form", SentVia.PHONE: "phone", SentVia.EMAIL: "email"}
ROLE_NAMES = {
    "dsl": "Designated Safeguarding Lead (DSL)",
    "deputy dsl": "Deputy Designated Safeguarding Lead",
    "ddsl": "Deputy Designated Safeguarding Lead",
    "deputy": "Deputy Designated Safeguarding Lead",
}
GapKind = Literal["missing", "thin", "advised"]


def dmy(day: date | datetime | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _today(store: RecordStore) -> date:
    return store.vault.now().astimezone().date()


# ---- pre-filling from the case -------------------------------------------------------------------
#
# ``prefill_enquiry`` is the enquiry's one pre-fill, under this form's keys; ``start_enquiry`` saves it
# as a draft, and ``services.early_help.mash_form_from_case`` (the step up from an Early Help review)
# builds on it. Shared pieces come from the guidance (which concerns are recent, the Early Help history)
# and the threshold service (the latest decision).


def _sentence(text: str) -> str:
    text = text.strip()
    if text and text[-1] not in ".!?:;\"”')":
        text += "."
    return text


def _quoted(words: str) -> str:
    words = words.strip()
    if words[:1] in ("“", '"', "'", "‘"):
        return words
    return f"“{words}”"


def _join(*parts: str, sep: str = " ") -> str:
    return sep.join(p.strip() for p in parts if p and p.strip())


def role_name(role: str) -> str:
    """A role as the MASH should read it ("DSL" → "Designated Safeguarding Lead (DSL)")."""
    return ROLE_NAMES.get(role.strip().casefold(), role.strip())


def _nhs(number: str) -> str:
    return f"{number[:3]} {number[3:6]} {number[6:]}" if len(number) == 10 else number


def _referrer_contact(store: RecordStore) -> tuple[str, str]:
    """The signed-in user's phone and email as they gave them on their last enquiry (only those two
    values are read: nothing about that enquiry's child)."""
    row = store.db.execute(
        "SELECT json_extract(body, '$.form.referrer_phone'), json_extract(body, '$.form.referrer_email') "
        "FROM records WHERE kind = 'referral' AND created_by = ? "
        "AND coalesce(json_extract(body, '$.form.referrer_phone'), '') != '' ORDER BY created_at DESC LIMIT 1",
        (store.vault.user.name,),
    ).fetchone()
    return (str(row[0] or ""), str(row[1] or "")) if row else ("", "")


def _child_fields(store: RecordStore, child: Child, today: date) -> dict[str, str]:
    send = [DESIGNATION_LABELS[d] for d in child.designations if d in (Designation.SEND, Designation.EHCP)]
    others = [DESIGNATION_LABELS[d] for d in child.designations if d not in (Designation.SEND, Designation.EHCP)]
    status = child.status.label
    if child.status_since and child.status != ChildStatus.UNIVERSAL:
        status += f" since {dmy(child.status_since)}"
    if others:
        status += f". {', '.join(others)}"
    return {
        "child_name": child.full_legal_name,
        "child_known_as": child.known_as if child.known_as != child.legal_forename else "",
        "child_dob": f"{dmy(child.dob)} (age {child.age_on(today)})",
        "child_gender": child.gender,
        "child_ethnicity": child.ethnicity,
        "child_religion": child.religion,
        "child_language": child.first_language,
        "child_interpreter": "Yes" if child.interpreter_needed else "No",
        "child_disability": _join(child.disability, ", ".join(send), sep="; "),
        "child_address": child.address,
        "child_school": _join(child.school or store.vault.school, child.year_group, sep=", "),
        "child_upn": child.upn,
        "child_nhs_number": _nhs(child.nhs_number),
        "child_gp": child.gp,
        "child_status": status,
    }


def _household(child_file: ChildFile) -> str:
    people = sorted(child_file.people, key=lambda p: (not p.lives_with_child, not p.parental_responsibility))
    lines = []
    for person in people:
        parts = [f"{person.name}: {person.relationship}."]
        parts.append(f"Parental responsibility: {'yes' if person.parental_responsibility else 'no'}.")
        parts.append("Lives with the child." if person.lives_with_child else "Does not live with the child.")
        if person.dob:
            parts.append(f"Born {dmy(person.dob)}.")
        if person.address and not person.lives_with_child:
            parts.append(f"Address: {_sentence(' '.join(person.address.split()))}")
        if person.phone:
            parts.append(f"Phone {person.phone}.")
        if person.email:
            parts.append(f"Email {person.email}.")
        lines.append(" ".join(parts))
    return "\n".join(lines)


def _professionals(child_file: ChildFile) -> str:
    lines = []
    for pro in sorted(child_file.professionals, key=lambda p: not p.key_contact):
        line = _join(pro.name, pro.role, pro.agency, sep=", ")
        contact = _join(pro.phone, pro.email, sep=", ")
        if contact:
            line += f". {contact}"
        if pro.key_contact:
            line += " (key contact)"
        lines.append(line)
    return "\n".join(lines)


def _concern_fields(child_file: ChildFile, today: date) -> dict[str, str]:
    concerns = recent_concerns(child_file.concerns, today)  # oldest first
    if not concerns:
        return {}
    described = []
    for concern in concerns:
        reporter = _join(concern.reporter_name, concern.reporter_role, sep=", ")
        text = f"{dmy(concern.observed_at)} at {concern.observed_at:%H:%M}, reported by {reporter}: "
        text += _sentence(concern.what_happened)
        if concern.immediate_action:
            text += f" Action taken: {_sentence(concern.immediate_action)}"
        described.append(text)
    latest = concerns[-1].observed_at
    when = f"{dmy(latest)} at {latest:%H:%M}"
    if len(concerns) > 1:
        when += f" (the most recent of {len(concerns)} concerns since {dmy(concerns[0].observed_at)})"
    words = [
        f"{_quoted(c.child_words)} (said to {_join(c.reporter_name, c.reporter_role, sep=', ')} "
        f"on {dmy(c.observed_at)})"
        for c in concerns
        if c.child_words.strip()
    ]
    counts = Counter(category for c in concerns for category in c.categories)
    ids = {str(c.id) for c in concerns}
    impacts = [
        f"{entry.when_label()}: {_sentence(entry.impact)}"
        for entry in sorted(child_file.chronology, key=lambda e: e.sort_date())
        if entry.source_record_id in ids and entry.impact.strip()
    ]
    return {
        "the_concern": "\n\n".join(described),
        "concern_when": when,
        "child_words": "\n".join(words),
        "category_of_harm": ", ".join(category.label for category, _ in counts.most_common()),
        "impact_on_child": "\n".join(impacts),
    }


def _threshold_fields(decision: ThresholdDecision | None) -> dict[str, str]:
    if decision is None:
        return {}
    out: dict[str, str] = {}
    for key in DOMAIN_KEYS:
        items = decision.evidence.get(key, [])
        if items:
            out[key] = "\n".join(f"• {_sentence(item)}" for item in items)
    consulted = f" Consulted: {decision.consulted}." if decision.consulted else ""
    out["level_of_need"] = LEVEL_LABELS[decision.level]
    out["referrer_view"] = (
        f"{_sentence(decision.reasoning)}\n(Levels of Need decision of {dmy(decision.decided_on)} "
        f"by {decision.decided_by}.{consulted})"
    )
    return out


def _tried(child_file: ChildFile, today: date) -> str:
    """The DSL's decisions on the past year's concerns other than referring (support, monitoring, ...)."""
    skip = (DslDecision.PENDING, DslDecision.MASH_ENQUIRY)
    year_ago = today - timedelta(days=365)
    decided = [
        c
        for c in sorted(child_file.concerns, key=lambda c: c.observed_at)
        if c.dsl_decision not in skip and c.observed_at.date() >= year_ago
    ][-MAX_TRIED:]
    lines = []
    for concern in decided:
        line = f"{dmy(concern.observed_at)}: {concern.dsl_decision.label}"
        if concern.decision_reasons:
            line += f" ({concern.decision_reasons.strip().rstrip('.')})"
        line += "."
        if concern.outcome:
            line += f" Outcome: {_sentence(concern.outcome)}"
        lines.append(line)
    return "\n".join(lines)


def _views(child_file: ChildFile) -> dict[str, str]:
    """Strengths and the child's and parents' views, from the latest Early Help plan and its reviews."""
    plans = sorted(child_file.early_help_plans, key=lambda p: p.started_on)
    if not plans:
        return {}
    plan = plans[-1]
    out: dict[str, str] = {}
    if plan.working_well:
        out["strengths"] = _sentence(plan.working_well)
    views = []
    if plan.child_view:
        views.append(f"From the Early Help plan ({dmy(plan.started_on)}): {_quoted(plan.child_view)}")
    voiced = sorted(
        (r for r in child_file.early_help_reviews if r.plan_id == plan.id and r.child_voice.strip()),
        key=lambda r: r.held_on,
    )
    if voiced:
        views.append(f"At the Early Help review on {dmy(voiced[-1].held_on)}: {_quoted(voiced[-1].child_voice)}")
    if views:
        out["child_views"] = "\n".join(views)
    if plan.family_view:
        out["parents_views"] = f"From the Early Help plan ({dmy(plan.started_on)}): {_sentence(plan.family_view)}"
    return out


def _previous(child_file: ChildFile) -> str:
    events: list[tuple[date, str]] = []
    for referral in child_file.referrals:
        if referral.sent_on is None:
            continue
        text = f"{referral.request_type} sent {dmy(referral.sent_on)}"
        if referral.reference:
            text += f" (reference {referral.reference})"
        if referral.outcome and referral.outcome_on:
            text += f": outcome {referral.outcome.label.lower()} on {dmy(referral.outcome_on)}."
            if referral.outcome_notes:
                text += f" {_sentence(referral.outcome_notes)}"
        else:
            text += ": outcome awaited."
        events.append((referral.sent_on, text))
    statutory = {ChildStatus.CIN, ChildStatus.CP, ChildStatus.CLA}
    for change in child_file.status_changes:
        if change.to_status in statutory or change.from_status in statutory:
            text = f"{dmy(change.changed_on)}: {change.from_status.label} → {change.to_status.label}."
            if change.reason:
                text += f" {_sentence(change.reason)}"
            events.append((change.changed_on, text))
    for escalation in child_file.escalations:
        text = f"{dmy(escalation.raised_on)}: escalation to {escalation.with_whom}: {_sentence(escalation.summary)}"
        if escalation.outcome:
            text += f" Outcome: {_sentence(escalation.outcome)}"
        events.append((escalation.raised_on, text))
    if child_file.child.received_from:
        events.append((date.min, f"The CP file was transferred from {child_file.child.received_from}."))
    return "\n".join(text for _, text in sorted(events, key=lambda e: e[0]))


def prefill_enquiry(store: RecordStore, child_file: ChildFile, *, today: date | None = None) -> dict[str, str]:
    """The enquiry's answers as far as the child's file gives them, under the form's keys (empty answers
    left out): child details, household and parental responsibility, professionals, the referrer (the
    signed-in user and school), recent concerns with when and the child's words, what has been tried,
    the Early Help history, strengths and views, previous involvement, and the latest threshold decision
    with its reasoning. "Type of request", consent and what the DSL hopes for are left for the DSL.

    Reads only this child's records, plus the signed-in user's own phone and email from their last
    enquiry.
    """
    today = today or _today(store)
    out: dict[str, str] = {}
    out.update(_child_fields(store, child_file.child, today))
    out["household"] = _household(child_file)
    out["professionals"] = _professionals(child_file)
    user = store.vault.user
    phone, email = _referrer_contact(store)
    out.update(
        referrer_name=user.name,
        referrer_role=role_name(user.role),
        referrer_school=store.vault.school,
        referrer_phone=phone,
        referrer_email=email,
    )
    out.update(_concern_fields(child_file, today))
    out["what_has_been_tried"] = _tried(child_file, today)
    out["early_help"] = early_help_history(child_file.early_help_plans, child_file.early_help_reviews)
    out.update(_views(child_file))
    out.update(_threshold_fields(latest_threshold_decision(store, child_file.child.id)))
    out["previous_involvement"] = _previous(child_file)
    return {key: value.strip() for key, value in out.items() if value and value.strip()}


# ---- starting and editing ------------------------------------------------------------------------


def start_enquiry(
    store: RecordStore,
    child_id: uuid.UUID | str,
    *,
    started_on: date | None = None,
    form: EnquiryForm | None = None,
) -> tuple[Referral, Changes]:
    """Save a new draft MASH enquiry for the child, pre-filled from their file (``prefill_enquiry``,
    which includes the full Early Help history). Consent is left unanswered for the DSL.
    """
    form = form or current_enquiry_form()
    child = store.get_as(Child, child_id)
    today = _today(store)
    answers = prefill_enquiry(store, open_child_file(store, child.id, audit=False), today=today)
    referral, _ = record_new(
        store,
        Referral,
        child_id=child.id,
        started_on=started_on or today,
        request_type=form.request_type,
        form=answers,
        status=ReferralStatus.DRAFT,
    )
    return referral, _changes(referral)


def suggested_answers(store: RecordStore, referral: Referral) -> dict[str, str]:
    """Pre-filled answers for questions a draft leaves empty (e.g. a draft made before a field was added
    to the form). The editor may offer them; nothing is saved."""
    if referral.status != ReferralStatus.DRAFT:
        return {}
    filled = prefill_enquiry(store, open_child_file(store, referral.child_id, audit=False))
    return {k: v for k, v in filled.items() if not referral.form.get(k, "").strip()}


def latest_enquiry(store: RecordStore, child_id: uuid.UUID | str) -> Referral | None:
    """The child's most recently started enquiry (draft or sent), or None."""
    referrals: list[Referral] = store.for_child(child_id, Referral)
    if not referrals:
        return None
    return max(referrals, key=lambda r: (r.started_on, r.created_at))


def _changes(referral: Referral) -> Changes:
    return Changes.of(Referral.KIND, child_id=str(referral.child_id))


def _draft_id(referral_id: uuid.UUID | str) -> str:
    return f"{AUTOSAVE_KIND}:{referral_id}"


def _clean(fields: Mapping[str, Any], form: EnquiryForm, referral: Referral) -> dict[str, Any]:
    """Check the keys and types of edited answers."""
    known = set(form.keys) | set(referral.form) | set(CONSENT_FIELDS)
    out: dict[str, Any] = {}
    for key, value in fields.items():
        if key not in known:
            raise InvalidRecord(f"MASH enquiry: there is no question called {quote_for_message(key)} on this form.")
        if key in ("parents_aware", "parents_agreed"):
            if value is not None and not isinstance(value, bool):
                raise InvalidRecord(f"MASH enquiry: {key.replace('_', ' ')} must be yes, no or not answered.")
            out[key] = value
        else:
            if value is None:
                value = ""
            if not isinstance(value, str):
                raise InvalidRecord(f"MASH enquiry: the answer to {quote_for_message(key)} must be text.")
            out[key] = value
    return out


def autosave_enquiry(
    store: RecordStore, referral_id: uuid.UUID | str, fields: Mapping[str, Any], *, form: EnquiryForm | None = None
) -> None:
    """Keep the editor's unsaved answers (encrypted, committed at once) until the DSL saves.

    Later autosaves add to earlier ones; ``update_enquiry`` applies them all as one amendment.
    """
    referral = store.get_as(Referral, referral_id)
    cleaned = _clean(fields, form or current_enquiry_form(), referral)
    pending = pending_edits(store, referral_id)
    pending.update(cleaned)
    drafts.save_draft(store, AUTOSAVE_KIND, pending, child_id=str(referral.child_id), draft_id=_draft_id(referral.id))


def pending_edits(store: RecordStore, referral_id: uuid.UUID | str) -> dict[str, Any]:
    """Autosaved answers not yet saved to the enquiry (empty if none)."""
    row = store.db.execute(
        "SELECT body FROM drafts WHERE id = ? AND kind = ?", (_draft_id(referral_id), AUTOSAVE_KIND)
    ).fetchone()
    if row is None:
        return {}
    data = json.loads(row[0])
    return dict(data) if isinstance(data, dict) else {}


def discard_pending_edits(store: RecordStore, referral_id: uuid.UUID | str) -> None:
    drafts.discard_draft(store, _draft_id(referral_id))


def _with_edits(referral: Referral, fields: Mapping[str, Any]) -> dict[str, Any]:
    """The amendment (changed attributes) that applies ``fields`` to ``referral``."""
    changes: dict[str, Any] = {}
    form = dict(referral.form)
    for key, value in fields.items():
        if key in CONSENT_FIELDS:
            changes[key] = value.strip() if isinstance(value, str) else value
        else:
            text = str(value).strip()
            if text:
                form[key] = text
            else:
                form.pop(key, None)
    if form != referral.form:
        changes["form"] = form
    return {k: v for k, v in changes.items() if k == "form" or getattr(referral, k) != v}


def apply_edits(referral: Referral, fields: Mapping[str, Any]) -> Referral:
    """``referral`` as it would be with ``fields`` applied (not saved; for previews and checks)."""
    return referral.model_copy(update=_with_edits(referral, fields))


@dataclass(frozen=True)
class EnquiryEditor:
    """What the editor shows: the enquiry with any autosaved answers applied, and its gaps."""

    referral: Referral
    form: EnquiryForm
    unsaved: dict[str, Any] = field(default_factory=dict)
    gaps: tuple[Gap, ...] = ()

    def value(self, key: str) -> str:
        return field_value(self.referral, key)


def open_enquiry(store: RecordStore, referral_id: uuid.UUID | str, *, form: EnquiryForm | None = None) -> EnquiryEditor:
    """The enquiry for editing: saved answers, autosaved ones on top, and what is missing or thin."""
    form = form or current_enquiry_form()
    referral = store.get_as(Referral, referral_id)
    unsaved = pending_edits(store, referral.id)
    shown = apply_edits(referral, unsaved) if unsaved else referral
    child_file = open_child_file(store, referral.child_id, audit=False)
    return EnquiryEditor(shown, form, unsaved, tuple(completeness(shown, child_file, form=form)))


def update_enquiry(
    store: RecordStore,
    referral_id: uuid.UUID | str,
    fields: Mapping[str, Any] | None = None,
    *,
    reason: str | None = None,
    form: EnquiryForm | None = None,
) -> tuple[Referral, Changes]:
    """Save the editor's answers (``fields`` on top of any autosaved ones) as one amendment.

    While the enquiry is a draft the reason defaults to "Draft updated". Once it has been sent, a
    change needs the DSL's reason (the sent version is kept in the amendment history).
    """
    referral = store.get_as(Referral, referral_id)
    edits = pending_edits(store, referral.id)
    if fields:
        edits.update(_clean(fields, form or current_enquiry_form(), referral))
    changes = _with_edits(referral, edits)
    if not changes:
        discard_pending_edits(store, referral.id)
        return referral, Changes()
    if referral.status != ReferralStatus.DRAFT and not (reason and reason.strip()):
        raise InvalidRecord(
            "This enquiry has already been sent: say why you are changing it (the version that was sent is kept)."
        )
    with store.db.transaction():
        amended = store.amend(referral.id, changes, reason or DRAFT_UPDATED)
        discard_pending_edits(store, referral.id)
    assert isinstance(amended, Referral)
    return amended, _changes(amended)


# ---- completeness --------------------------------------------------------------------------------


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
    """An answer as text ("Yes"/"No"/"" for the yes/no consent questions)."""
    if key in ("parents_aware", "parents_agreed"):
        value: bool | None = getattr(referral, key)
        return "" if value is None else ("Yes" if value else "No")
    if key == "consent_not_sought_reason":
        return referral.consent_not_sought_reason
    return referral.form.get(key, "").strip()


def consent_problem(referral: Referral) -> str | None:
    """Why the consent answers do not allow sending, or None if they do."""
    if referral.parents_aware is None:
        return "Say whether the parents or carers know about this enquiry."
    if referral.consent_not_sought_reason.strip():
        return None
    if referral.parents_aware is False:
        return (
            "Say why the parents were not told about this enquiry (for example, telling them could increase the "
            "risk to the child)."
        )
    if referral.parents_agreed is None:
        return "Say whether the parents agreed to this enquiry, or why their consent was not sought."
    if referral.parents_agreed is False:
        return "The parents did not agree: say why the enquiry is going ahead without their consent."
    return None


def _words(text: str) -> int:
    return len(text.split())


def completeness(
    referral: Referral, child_file: ChildFile | None = None, *, form: EnquiryForm | None = None
) -> list[Gap]:
    """What is missing or thin in the enquiry, in form order.

    With the child's file, it also notices what the file has that the enquiry lacks (e.g. the child's
    words recorded in concerns but not quoted here).
    """
    form = form or current_enquiry_form()
    gaps: list[Gap] = []

    def gap(spec: FormField, kind: GapKind, message: str) -> None:
        gaps.append(Gap(spec.key, spec.section, spec.label, kind, message))

    consent_message = consent_problem(referral)
    for spec in form.fields():
        value = field_value(referral, spec.key)
        if spec.key == "parents_aware":
            if referral.parents_aware is None:
                gap(spec, "missing", spec.missing_message)
            continue
        if spec.key == "parents_agreed":
            continue  # an unanswered "agreed" is allowed with a reason; checked below
        if spec.key == "consent_not_sought_reason":
            if consent_message and referral.parents_aware is not None:
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
    if not form.has("consent_not_sought_reason") and consent_message and referral.parents_aware is not None:
        gaps.append(Gap("consent_not_sought_reason", "consent", "Consent", "missing", consent_message))
    return gaps


def is_complete(gaps: Iterable[Gap]) -> bool:
    """True when nothing required is missing (thin or advised gaps do not make a draft incomplete)."""
    return not any(g.blocking for g in gaps)


# ---- status: sent, acknowledged, outcome ---------------------------------------------------------


def _check_date(store: RecordStore, day: date, what: str, *, not_before: date | None = None, after: str = "") -> None:
    if day > _today(store):
        raise InvalidRecord(f"MASH enquiry: the date {what} cannot be in the future.")
    if not_before is not None and day < not_before:
        raise InvalidRecord(f"MASH enquiry: the date {what} cannot be before {after} ({dmy(not_before)}).")


def _amend(store: RecordStore, referral: Referral, changes: dict[str, Any], reason: str) -> Referral:
    amended = store.amend(referral.id, changes, reason)
    assert isinstance(amended, Referral)
    return amended


def mark_sent(
    store: RecordStore,
    referral_id: uuid.UUID | str,
    sent_on: date,
    sent_via: SentVia,
    reference: str = "",
    *,
    chase_on: date | None = None,
) -> tuple[Referral, Changes]:
    """Record that the enquiry was sent: when, how (online form, phone, email) and the reference.

    Any autosaved answers are saved first ("Draft updated"). Refused (``ConsentReasonNeeded``) if the
    parents were not told, or consent was not sought or given, and no reason is recorded. Gaps in
    the rest of the form do not stop it: an urgent enquiry phoned through must still be recorded.
    """
    referral = store.get_as(Referral, referral_id)
    if referral.status != ReferralStatus.DRAFT:
        raise ReferralStepNotAllowed(f"This enquiry was already marked as sent on {dmy(referral.sent_on)}.")
    _check_date(store, sent_on, "it was sent")
    if pending_edits(store, referral.id):
        referral, _ = update_enquiry(store, referral.id)
    problem = consent_problem(referral)
    if problem:
        raise ConsentReasonNeeded(f"{problem} The enquiry has not been marked as sent.")
    via = SentVia(sent_via)
    reason = f"Sent to the MASH on {dmy(sent_on)} by {SENT_VIA_LABELS[via]}"
    reason += f" (reference {reference.strip()})." if reference.strip() else "."
    amended = _amend(
        store,
        referral,
        {
            "status": ReferralStatus.SENT.value,
            "sent_on": sent_on.isoformat(),
            "sent_via": via.value,
            "reference": reference.strip(),
            "chase_on": chase_on.isoformat() if chase_on else None,
        },
        reason,
    )
    return amended, _changes(amended)


def mark_acknowledged(
    store: RecordStore, referral_id: uuid.UUID | str, acknowledged_on: date, *, reference: str | None = None
) -> tuple[Referral, Changes]:
    """Record that the MASH acknowledged the enquiry (optionally giving its reference now)."""
    referral = store.get_as(Referral, referral_id)
    if referral.status == ReferralStatus.DRAFT or referral.sent_on is None:
        raise ReferralStepNotAllowed("This enquiry has not been sent yet: mark it as sent first.")
    if referral.status != ReferralStatus.SENT:
        raise ReferralStepNotAllowed("This enquiry has already been acknowledged or has an outcome.")
    _check_date(store, acknowledged_on, "it was acknowledged", not_before=referral.sent_on, after="it was sent")
    changes: dict[str, Any] = {
        "status": ReferralStatus.ACKNOWLEDGED.value,
        "acknowledged_on": acknowledged_on.isoformat(),
    }
    reason = f"Acknowledged by the MASH on {dmy(acknowledged_on)}"
    if reference is not None and reference.strip() and reference.strip() != referral.reference:
        changes["reference"] = reference.strip()
        reason += f" (reference {reference.strip()})"
    amended = _amend(store, referral, changes, reason + ".")
    return amended, _changes(amended)


def record_outcome(
    store: RecordStore,
    referral_id: uuid.UUID | str,
    outcome: ReferralOutcome,
    outcome_on: date,
    notes: str = "",
    *,
    reason: str | None = None,
) -> tuple[Referral, Changes]:
    """Record the MASH's decision and its date (with notes: who, what happens next).

    An outcome already recorded can be corrected only with a ``reason`` (the earlier one is kept).
    """
    referral = store.get_as(Referral, referral_id)
    if referral.status == ReferralStatus.DRAFT or referral.sent_on is None:
        raise ReferralStepNotAllowed("This enquiry has not been sent yet: mark it as sent first.")
    if referral.status == ReferralStatus.OUTCOME and not (reason and reason.strip()):
        raise ReferralStepNotAllowed(
            "This enquiry already has an outcome. To correct it, say why (the earlier outcome is kept)."
        )
    outcome = ReferralOutcome(outcome)
    _check_date(store, outcome_on, "of the outcome", not_before=referral.sent_on, after="the enquiry was sent")
    if outcome == ReferralOutcome.OTHER and not notes.strip():
        raise InvalidRecord("MASH enquiry: the outcome is 'Other', so say in the notes what was decided.")
    text = reason.strip() if reason and reason.strip() else f"Outcome recorded: {outcome.label} on {dmy(outcome_on)}."
    amended = _amend(
        store,
        referral,
        {
            "status": ReferralStatus.OUTCOME.value,
            "outcome": outcome.value,
            "outcome_on": outcome_on.isoformat(),
            "outcome_notes": notes.strip(),
        },
        text,
    )
    return amended, _changes(amended)


def disagree_with_outcome(
    store: RecordStore,
    referral_id: uuid.UUID | str,
    *,
    summary: str,
    with_whom: str = "",
    raised_on: date | None = None,
    disagreement: DisagreementType = DisagreementType.THRESHOLD,
) -> tuple[Escalation, Changes]:
    """Challenge the MASH's decision: start an escalation linked to the enquiry, through the escalation
    service (stage 1 of the Case Resolution Protocol; "with whom" and the respond-by date default to
    that stage's settings)."""
    referral = store.get_as(Referral, referral_id)
    if referral.outcome is None or referral.status != ReferralStatus.OUTCOME:
        raise ReferralStepNotAllowed("Record the MASH's decision first; then you can challenge it.")
    raised_on = raised_on or _today(store)
    _check_date(store, raised_on, "of the escalation", not_before=referral.outcome_on, after="the outcome")
    if not summary.strip():
        raise InvalidRecord("Escalation: say what you disagree with and why.")
    escalation, changes = escalate_referral_outcome(
        store, referral.id, raised_on, summary, disagreement=disagreement, with_whom=with_whom
    )
    return escalation, changes | _changes(referral)


__all__ = [
    "AUTOSAVE_KIND",
    "EnquiryEditor",
    "Gap",
    "apply_edits",
    "autosave_enquiry",
    "completeness",
    "consent_problem",
    "disagree_with_outcome",
    "discard_pending_edits",
    "field_value",
    "is_complete",
    "latest_enquiry",
    "mark_acknowledged",
    "mark_sent",
    "open_enquiry",
    "pending_edits",
    "prefill_enquiry",
    "record_outcome",
    "start_enquiry",
    "suggested_answers",
    "update_enquiry",
]

"""Pre-filling a MASH enquiry from the child's file: ``prefill_enquiry``, the one pre-fill.

``editing.start_enquiry`` saves it as a new draft; ``suggested_answers`` offers it for questions an
older draft leaves empty; ``services.early_help.mash_form_from_case`` (the step up from an Early Help
review) builds on it. Shared pieces come from the practice guidance (which concerns are recent, the
Early Help history, ``guidance.mash_form``) and the latest Levels of Need decision in the file, so they
never disagree with what those screens show. ``printed_enquiry`` applies the same pre-fill at export, to every
enquiry whatever its origin (typed, imported, demo): the answers the form leaves empty come from the file.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from dslapp.guidance.mash_form import DOMAIN_KEYS, early_help_history, recent_concerns
from dslapp.models import Child, Referral, ReferralStatus, ThresholdDecision
from dslapp.models.child import DESIGNATION_LABELS, ChildStatus, Designation
from dslapp.models.concern import DslDecision
from dslapp.models.early_help import LEVEL_LABELS
from dslapp.services.children import ChildFile, open_child_file
from dslapp.services.mash.common import dmy, vault_today
from dslapp.store import RecordStore, queries
from dslapp.views import statutory as statutory_view
from dslapp.views.court_orders import orders_text, unlisted, warning, warnings_for
from dslapp.views.mash_enquiry import ROLE_NAMES, filled_from_file, role_name

MAX_TRIED = 8


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


def _nhs(number: str) -> str:
    return f"{number[:3]} {number[3:6]} {number[6:]}" if len(number) == 10 else number


def _referrer_contact(store: RecordStore) -> tuple[str, str]:
    """The signed-in user's phone and email as they gave them on their last enquiry (only those two
    values are read: nothing about that enquiry's child)."""
    return queries.referrer_contact(store.db, store.vault.user.name)


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


def _household(child_file: ChildFile, today: date) -> str:
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
        parts.extend(f"{text}." for text in warnings_for(person, child_file.court_orders, today))
        lines.append(" ".join(parts))
    for order in unlisted(child_file.court_orders, child_file.people, today):
        lines.append(f"{order.restricts}: named in a court order. {warning(order)}.")
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


def _latest_decision(child_file: ChildFile) -> ThresholdDecision | None:
    """The most recent Levels of Need decision in the file (by date decided, then when recorded)."""
    decisions = child_file.threshold_decisions
    return max(decisions, key=lambda d: (d.decided_on, d.created_at)) if decisions else None


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
    for record in child_file.statutory_records:  # each plan or status, with its dates and social worker
        text = f"{statutory_view.title(record)}, {statutory_view.period(record)}."
        if record.social_worker:
            text += f" Social worker: {record.social_worker}."
        events.append((record.started_on, text))
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
    left out): child details, household and parental responsibility (with the warning beside anyone a court order
    says must not collect the child), court orders in force, professionals, the referrer (the
    signed-in user and school), recent concerns with when and the child's words, what has been tried,
    the Early Help history, strengths and views, previous involvement, and the latest threshold decision
    with its reasoning. "Type of request", consent and what the DSL hopes for are left for the DSL.

    Reads only this child's records, plus the signed-in user's own phone and email from their last
    enquiry.
    """
    today = today or vault_today(store)
    out: dict[str, str] = {}
    out.update(_child_fields(store, child_file.child, today))
    out["household"] = _household(child_file, today)
    out["court_orders"] = orders_text(child_file.court_orders, today)
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
    out.update(_threshold_fields(_latest_decision(child_file)))
    out["previous_involvement"] = _previous(child_file)
    return {key: value.strip() for key, value in out.items() if value and value.strip()}


def suggested_answers(store: RecordStore, referral: Referral) -> dict[str, str]:
    """Pre-filled answers for questions a draft leaves empty (e.g. a draft made before a field was added
    to the form). The editor may offer them; nothing is saved."""
    if referral.status != ReferralStatus.DRAFT:
        return {}
    filled = prefill_enquiry(store, open_child_file(store, referral.child_id, audit=False))
    return {k: v for k, v in filled.items() if not referral.form.get(k, "").strip()}


def printed_enquiry(store: RecordStore, referral: Referral, child_file: ChildFile) -> Referral:
    """The enquiry as it is exported or printed: every answer the child's file gives is filled in where the form
    leaves it empty (answers typed into the form win), whatever the enquiry's origin (typed, imported from a
    bundle, made by the demo). A sent enquiry is filled from the file as it stood on the day it was sent, and
    never lists itself as previous involvement; a draft from the file as it stands today. Nothing is saved.
    """
    day = referral.sent_on or vault_today(store)
    from_file = prefill_enquiry(store, child_file.as_it_stood(day, leaving_out={referral.id}), today=day)
    return filled_from_file(referral, from_file)


__all__ = ["MAX_TRIED", "ROLE_NAMES", "prefill_enquiry", "printed_enquiry", "role_name", "suggested_answers"]

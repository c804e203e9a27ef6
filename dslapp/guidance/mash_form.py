"""What the practice guidance adds to a MASH enquiry drafted from the case.

The enquiry form (sections, field keys, labels) is ``resources/mash/enquiry_form.toml`` and its full
pre-fill is ``dslapp.services.mash.prefill_enquiry``. When a DSL steps up from an Early Help review,
the MASH needs to see the whole Early Help history, review by review, and whether life improved for
the child: :func:`early_help_history` gives that (the ``early_help`` answer).

:func:`prefill_from_file` is a plain fallback under the same keys, used only when the MASH enquiry
module is not installed. Words are in ``resources/guidance/practice.toml`` (``[mash_form]``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from dslapp.guidance.config import GuidanceConfig, MashFormSettings, resolve
from dslapp.guidance.prompts import dmy, fill
from dslapp.models import (
    Concern,
    DslDecision,
    EarlyHelpPlan,
    EarlyHelpReview,
    ReferralStatus,
    ThresholdDecision,
)
from dslapp.models.early_help import LEVEL_LABELS, PlanStatus
from dslapp.views.child_file import ChildFile

DOMAIN_KEYS = ("child_development", "parenting_capacity", "family_environment")


@dataclass(frozen=True)
class Referrer:
    name: str
    role: str = ""
    school: str = ""


def _yes_no(value: bool, form: MashFormSettings) -> str:
    return form.words.yes if value else form.words.no


def _lower_first(label: str) -> str:
    """ "Step up: MASH enquiry" → "step up: MASH enquiry" (acronyms keep their capitals)."""
    return label[:1].lower() + label[1:]


def early_help_history(
    plans: Iterable[EarlyHelpPlan], reviews: Iterable[EarlyHelpReview], config: GuidanceConfig | None = None
) -> str:
    """Every Early Help plan with its goals, every review's judgement and decision, and how life improved."""
    words = resolve(config).mash_form.words
    reviews = list(reviews)
    blocks = []
    for plan in sorted(plans, key=lambda p: p.started_on):
        state = fill(words.plan_closed, closed_on=dmy(plan.closed_on)) if plan.status == PlanStatus.CLOSED else ""
        head = fill(words.plan_started, started_on=dmy(plan.started_on))
        extras = [fill(words.lead_practitioner, lead=plan.lead_practitioner) if plan.lead_practitioner else "", state]
        extras = [e for e in extras if e]
        lines = [f"{head} ({'; '.join(extras)})." if extras else f"{head}."]
        if plan.goals:
            lines.append(
                f"{words.goals}: " + "; ".join(g.what_will_change.strip().rstrip(".") for g in plan.goals) + "."
            )
        for review in sorted((r for r in reviews if r.plan_id == plan.id), key=lambda r: (r.held_on, r.created_at)):
            lines.append(
                fill(
                    words.review,
                    held_on=dmy(review.held_on),
                    judgement=_lower_first(review.overall.label),
                    decision=_lower_first(review.decision.label),
                    life_improved=review.life_improved,
                )
            )
        if plan.closing_summary:
            lines.append(fill(words.closing_summary, summary=plan.closing_summary))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def recent_concerns(concerns: Iterable[Concern], on: date, config: GuidanceConfig | None = None) -> list[Concern]:
    """Concerns in the last ``recent_concern_days`` up to ``on``, oldest first, at most ``max_concerns``."""
    form = resolve(config).mash_form
    since = on - timedelta(days=form.recent_concern_days)
    recent = sorted((c for c in concerns if since < c.observed_at.date() <= on), key=lambda c: c.observed_at)
    return recent[-form.max_concerns :]


def latest_threshold(decisions: Iterable[ThresholdDecision]) -> ThresholdDecision | None:
    ordered = sorted(decisions, key=lambda d: (d.decided_on, d.created_at))
    return ordered[-1] if ordered else None


def prefill_from_file(
    child_file: ChildFile, on: date, referrer: Referrer | None = None, config: GuidanceConfig | None = None
) -> dict[str, str]:
    """A plain pre-fill under the MASH form's keys (the fallback when ``services.mash`` is absent).

    Only answers the file can give are returned (no empty strings).
    """
    cfg = resolve(config)
    form = cfg.mash_form
    words = form.words
    child = child_file.child
    recent = recent_concerns(child_file.concerns, on, cfg)
    threshold = latest_threshold(child_file.threshold_decisions)
    plans = sorted(child_file.early_help_plans, key=lambda p: p.started_on)
    latest_plan = plans[-1] if plans else None
    out: dict[str, str] = {
        "type_of_request": form.request_type,
        "child_name": child.full_legal_name,
        "child_known_as": child.known_as if child.known_as != child.legal_forename else "",
        "child_dob": f"{dmy(child.dob)} ({words.age} {child.age_on(on)})",
        "child_gender": child.gender,
        "child_ethnicity": child.ethnicity,
        "child_religion": child.religion,
        "child_language": child.first_language,
        "child_interpreter": _yes_no(child.interpreter_needed, form),
        "child_disability": child.disability,
        "child_address": child.address,
        "child_school": ", ".join(
            p for p in (child.school or (referrer.school if referrer else ""), child.year_group) if p
        ),
        "child_upn": child.upn,
        "child_nhs_number": child.nhs_number,
        "child_gp": child.gp,
        "child_status": child.status.label,
    }
    if referrer:
        out.update(referrer_name=referrer.name, referrer_role=referrer.role, referrer_school=referrer.school)
    people = sorted(child_file.people, key=lambda p: (not p.lives_with_child, not p.parental_responsibility))
    out["household"] = "\n".join(
        f"{p.name}, {p.relationship}; {words.parental_responsibility}: {_yes_no(p.parental_responsibility, form)}; "
        f"{words.lives_with_child}: {_yes_no(p.lives_with_child, form)}" + (f"; {p.phone}" if p.phone else "")
        for p in people
    )
    out["professionals"] = "\n".join(
        ", ".join(x for x in (p.name, p.role, p.agency, p.phone, p.email) if x)
        for p in sorted(child_file.professionals, key=lambda p: not p.key_contact)
    )
    out["the_concern"] = "\n\n".join(
        f"{dmy(c.observed_at)} ({', '.join(cat.label for cat in c.categories)}): {c.what_happened}"
        + (f" {words.action}: {c.immediate_action}" if c.immediate_action else "")
        for c in recent
    )
    out["child_words"] = "\n".join(f"{dmy(c.observed_at)}: {c.child_words}" for c in recent if c.child_words)
    out["category_of_harm"] = ", ".join(dict.fromkeys(cat.label for c in recent for cat in c.categories))
    out["what_has_been_tried"] = "\n".join(
        fill(words.decision, on=dmy(c.observed_at), decision=c.dsl_decision.label)
        + (f" ({c.decision_reasons})" if c.decision_reasons else "")
        for c in recent
        if c.dsl_decision != DslDecision.PENDING
    )
    out["early_help"] = early_help_history(plans, child_file.early_help_reviews, cfg)
    if latest_plan:
        out.update(strengths=latest_plan.working_well, parents_views=latest_plan.family_view)
        out["child_views"] = latest_plan.child_view
    out["previous_involvement"] = "\n".join(
        fill(
            words.referral,
            request_type=r.request_type,
            sent_on=dmy(r.sent_on),
            outcome=r.outcome.label if r.outcome else words.outcome_awaited,
        )
        for r in sorted(child_file.referrals, key=lambda r: r.sent_on or r.started_on)
        if r.status != ReferralStatus.DRAFT and r.sent_on
    )
    if threshold:
        for key in DOMAIN_KEYS:
            out[key] = "\n".join(threshold.evidence.get(key, []))
        out["level_of_need"] = LEVEL_LABELS.get(threshold.level, "")
        view = fill(
            words.threshold,
            decided_on=dmy(threshold.decided_on),
            decided_by=threshold.decided_by,
            reasoning=threshold.reasoning,
        )
        if threshold.consulted:
            view += "\n" + fill(words.consulted, consulted=threshold.consulted)
        out["referrer_view"] = view
    return {key: value.strip() for key, value in out.items() if value and value.strip()}


__all__ = ["DOMAIN_KEYS", "Referrer", "early_help_history", "latest_threshold", "prefill_from_file", "recent_concerns"]

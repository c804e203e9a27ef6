"""What the practice guidance adds to a MASH enquiry drafted from the case.

The enquiry form (sections, field keys, labels) is ``resources/mash/enquiry_form.toml`` and its
pre-fill is ``dslapp.services.mash.prefill_enquiry``. When a DSL steps up from an Early Help review,
the MASH needs to see the whole Early Help history, review by review, and whether life improved for
the child: :func:`early_help_history` gives that (the ``early_help`` answer). :func:`recent_concerns`
says which concerns the pre-fill describes. Words and limits are in
``resources/guidance/practice.toml`` (``[mash_form]``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from dslapp.guidance.config import GuidanceConfig, resolve
from dslapp.guidance.prompts import dmy, fill
from dslapp.models import Concern, EarlyHelpPlan, EarlyHelpReview
from dslapp.models.early_help import PlanStatus

DOMAIN_KEYS = ("child_development", "parenting_capacity", "family_environment")


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


__all__ = ["DOMAIN_KEYS", "early_help_history", "recent_concerns"]

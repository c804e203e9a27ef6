"""Concerns for template children: a template that fits the child, recorded on a school day."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from dslapp.demo.build_state import BuildState
from dslapp.demo.case_file import CaseFile
from dslapp.demo.generic.concern_templates import ConcernText
from dslapp.demo.world import DEPUTY, DSL, ENCOMPASS, REPORTERS
from dslapp.models import Concern, DslDecision


def _fits(template: ConcernText, case: CaseFile, looked_after: bool = False) -> bool:
    if looked_after and not template.any_carer:
        return False
    if template.needs_mum and case.ctx["mum"] != "mum":
        return False
    if template.needs_adult and not case.ctx["adult"]:
        return False
    return template.min_year <= case.year <= template.max_year


def record_concern(
    case: CaseFile,
    template: ConcernText,
    days_ago: int,
    *,
    decision: DslDecision | None = None,
    reasons: str | None = None,
    outcome: str | None = None,
) -> Concern:
    """Record a concern from a template on a school day ``days_ago``."""
    when = case.d.at(days_ago, template.hour, case.d.minute())
    reporter = case.teacher_on(when) if template.reporter == "teacher" else REPORTERS[template.reporter]
    staff = reporter.name if reporter is not ENCOMPASS else "the police"
    text = partial(case.fill, on=when.date(), time=when.strftime("%H:%M"), staff=staff)
    return case.concern(
        when,
        reporter,
        template.categories,
        text(template.what),
        words=text(template.words),
        body_map=text(template.body_map),
        action=text(template.action),
        decision=decision or template.decision,
        reasons=text(reasons if reasons is not None else template.reasons),
        outcome=text(outcome if outcome is not None else template.outcome),
        severity=template.severity,
        significant=template.significant,
        by=case.d.pick((DSL, DSL, DEPUTY)),
    )


def enquiry_form(trigger: Concern, referrer_view: str) -> dict[str, str]:
    """The MASH enquiry form for a template child: the concern that led to it, the child's words, the DSL's view."""
    return {"the_concern": trigger.what_happened, "child_words": trigger.child_words, "referrer_view": referrer_view}


def pick_template(
    d: BuildState, options: Sequence[ConcernText], case: CaseFile, *, looked_after: bool = False, themed: bool = False
) -> ConcernText:
    """A template that reads right for this child (``themed``: one that leads to an Early Help plan)."""
    suitable = [t for t in options if _fits(t, case, looked_after) and (t.theme or not themed)]
    return d.pick(suitable or list(options))

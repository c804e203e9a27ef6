"""Template children with an Early Help plan (open, or closed with its goals met)."""

from __future__ import annotations

from datetime import date, timedelta

from dslapp.demo.build_state import BuildState
from dslapp.demo.case_file import CaseFile
from dslapp.demo.generic.child import days_in_school, new_child_at_home
from dslapp.demo.generic.concern_templates import LOW_CONCERNS, MEDIUM_CONCERNS
from dslapp.demo.generic.concerns import enquiry_form, pick_template, record_concern
from dslapp.demo.generic.plan_themes import PLAN_THEMES, PlanTheme
from dslapp.demo.world import CONSULTATION_LINE, FSW
from dslapp.models import ChildStatus, DslDecision, Judgement, ReferralOutcome, ReferralStatus, ReviewDecision

_LEVEL3_VIEW = (
    "Level 3: {name} has needs in more than one area that school alone cannot meet, and {mum} is asking for help. "
    "Not Level 4: there is no indication of significant harm, and {mum} is working with school."
)


def _plan_from_theme(d: BuildState, case: CaseFile, theme: PlanTheme, started: date, *, closed: bool) -> None:
    """An Early Help plan and its reviews (open with its next review set, or closed with a summary)."""
    goals = [
        d.goal(case.fill(what), case.fill(who), started + timedelta(weeks=8 + 2 * i), case.fill(how), base)
        for i, (what, who, how, base) in enumerate(theme.goals)
    ]
    taf = [case.ctx["carer"], FSW.label, case.teacher_on(started).label, theme.taf_extra]
    held: list[date] = []
    day = started + timedelta(days=d.rng.randint(42, 56))
    while day <= d.ago(3) and len(held) < (3 if closed else 6):
        held.append(d.school_day((d.today - day).days))
        day += timedelta(days=d.rng.randint(42, 56))
    judgements: list[Judgement] = []
    for _ in held:
        if closed or (judgements and judgements[-1] != Judgement.IMPROVED):
            judgements.append(Judgement.IMPROVED)  # never two poor reviews in a row without a step up
        else:
            judgements.append(d.rng.choices(list(Judgement), weights=[6, 3, 1])[0])
    # 6 to 10 weeks after the last review: some are coming up, some are overdue.
    next_review = None if closed else (held[-1] if held else started) + timedelta(days=d.rng.randint(42, 70))
    plan = case.plan(
        started,
        lead=FSW.label,
        goals=goals,
        taf=taf,
        next_review=next_review,
        closed_on=held[-1] if closed and held else None,
        family_view=theme.family_view,
        child_view=theme.child_view,
        worries=theme.worries,
        working_well=theme.working_well,
        closing_summary=theme.closing if closed else "",
    )
    scores = [g.baseline for g in goals]
    for index, (held_on, judgement) in enumerate(zip(held, judgements, strict=True)):
        last = index == len(held) - 1
        step = {Judgement.IMPROVED: 2, Judgement.NO_CHANGE: 0, Judgement.WORSE: -1}[judgement]
        scores = [max(0, min(10, s + step + d.rng.randint(0, 1))) for s in scores]
        if judgement == Judgement.IMPROVED:
            life, voice = d.pick(theme.improved), theme.voice_improved
            decision = ReviewDecision.CLOSE if closed and last else ReviewDecision.CONTINUE
            reasons = (
                "All goals met; the family agreed the plan can close and knows how to ask for help again."
                if decision == ReviewDecision.CLOSE
                else "Progress on the goals; keep the plan going."
            )
        elif judgement == Judgement.NO_CHANGE:
            life, voice, decision = theme.no_change, theme.voice_no_change, ReviewDecision.REVISE_GOALS
            reasons = (
                "Goals revised into smaller steps with named people and dates. If life has not improved for "
                "{name} by the next review, the DSL will make a MASH enquiry."
            )
        else:
            life, voice, decision = theme.worse, theme.voice_no_change, ReviewDecision.REVISE_GOALS
            reasons = (
                "Things are worse for {name}. The DSL consulted the MASH consultation line the same day: advice "
                "to revise the plan now and make a MASH enquiry at any further incident. Review brought "
                "forward."
            )
        case.review(
            plan,
            held_on,
            attendees=taf,
            life_improved=life,
            child_voice=voice,
            progress=[(score, "") for score in scores],
            overall=judgement,
            decision=decision,
            reasons=reasons,
            next_review=None if closed and last else (held[index + 1] if not last else next_review),
        )
    if closed and held:
        case.set_status(held[-1], ChildStatus.CLOSED, "Early Help plan closed with its goals met; case closed.")
        case.action(
            "Send the Early Help closure letter to the family",
            FSW.name,
            held[-1] + timedelta(days=5),
            raised=held[-1],
            done_on=held[-1] + timedelta(days=3),
        )
    elif next_review is not None:
        last_held = held[-1] if held else started
        case.action(
            "Send the TAF review invitations and ask {name} for {pos} views beforehand",
            FSW.name,
            next_review - timedelta(days=5),
            raised=last_held,
        )


def early_help_case(d: BuildState, *, closed: bool = False) -> CaseFile:
    """A child with an Early Help plan after a concern that needed more than school could offer; ``closed``:
    the plan met its goals and the case closed."""
    year = d.rng.randint(1, 6)
    t0 = min(d.rng.randint(300, 400) if closed else d.rng.randint(60, 200), days_in_school(d, year) - 70)
    case = new_child_at_home(d, year=year, opened_days_ago=t0 + 60)
    if d.chance(0.6):
        record_concern(case, pick_template(d, LOW_CONCERNS, case), t0 + d.rng.randint(20, 55))
    template = pick_template(d, MEDIUM_CONCERNS, case, themed=True)
    via_mash = not closed and d.generic_made.get(ChildStatus.EARLY_HELP, 0) == 1
    trigger = record_concern(
        case,
        template,
        t0,
        decision=DslDecision.MASH_ENQUIRY if via_mash else None,
        reasons="Needs in several areas and {mum} asked for more help than school can arrange. MASH enquiry made with "
        "{mum}'s agreement to find the right service."
        if via_mash
        else None,
    )
    theme = PLAN_THEMES[template.theme]
    if via_mash:
        case.referral(
            d.school_day(t0),
            status=ReferralStatus.OUTCOME,
            aware=True,
            agreed=True,
            acknowledged_on=d.school_day(t0 - 1),
            outcome=ReferralOutcome.EARLY_HELP,
            outcome_on=d.school_day(t0 - 3),
            notes="Threshold for a social work assessment not met. Passed to the Early Help hub; school's family "
            "support worker agreed as lead practitioner.",
            form={
                **theme.enquiry,
                **enquiry_form(trigger, _LEVEL3_VIEW),
                "level_of_need": "Level 3: Targeted Early Help",
                "child_development": "\n".join(f"• {item}." for item in theme.evidence["child_development"]),
                "early_help": "None before this enquiry, which asks for it.",
                "previous_involvement": "None known to the school.",
            },
        )
    case.threshold(
        d.school_day(t0 - 2),
        d.pick((2, 3)),
        theme.evidence,
        "Additional needs that can be met with the family's agreement through Early Help. Not Level 4: {mum} is "
        "engaging and there is no indication of significant harm.",
        consulted=CONSULTATION_LINE if d.chance(0.5) else "",
        concerns=[trigger],
    )
    started = d.school_day(t0 - 6)
    case.set_status(started, ChildStatus.EARLY_HELP, case.fill("Early Help plan agreed with {mum}."))
    case.action(
        "Complete the Early Help assessment with {mum}",
        FSW.name,
        started,
        raised=d.school_day(t0),
        done_on=started,
        source=trigger,
    )
    _plan_from_theme(d, case, theme, started, closed=closed)
    return case

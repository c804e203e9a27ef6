"""The practice-guidance screens on a real vault: the Early Help review guide (the "services only" nudge,
the no-improvement prompt, revising targets and a MASH enquiry draft), starting and closing a plan, the
Levels of Need tool, escalation, information sharing and the Overview's alerts. Fictional data only."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui_helpers import open_record

from dslapp.guidance.prompts import ActionCode, PromptCode
from dslapp.models import (
    Category,
    Child,
    Concern,
    EarlyHelpPlan,
    EarlyHelpReview,
    Escalation,
    Judgement,
    Referral,
    ReferralStatus,
    SharingDecision,
    ThresholdDecision,
)
from dslapp.models.early_help import PlanStatus, ReviewDecision
from dslapp.models.referral import DisagreementType
from dslapp.services import early_help, escalation
from dslapp.store import RecordStore
from ui.dialogs.early_help_plan import ClosePlanDialog, ReviseGoalsDialog, StartPlanDialog
from ui.dialogs.eh_review_guide import ReviewGuide
from ui.dialogs.threshold_tool import ThresholdTool
from ui.models.records import OBJECT_ROLE
from ui.windows.escalation_tab import ResponseDialog, StartEscalationDialog, StepUpDialog
from ui.windows.sharing_tab import SharingDialog
from ui.windows.unlock import UnlockPage

TODAY = date.today()
SERVICES_ONLY = "Mum attended all the TAF meetings and was referred to a parenting course."
LIVED = " Amira now has breakfast most days and says she feels happier at school."


def _child(store: RecordStore) -> Child:
    return store.add(Child(legal_forename="Amira", legal_surname="Fictional", dob=date(2015, 5, 4)))


def _plan(store: RecordStore, child: Child, *, reviews: int = 0) -> EarlyHelpPlan:
    started = TODAY - timedelta(weeks=14)
    plan = early_help.start_plan(
        store,
        child.id,
        started_on=started,
        child_view="I want my mum to be awake in the mornings.",
        goals=[{"what_will_change": "Amira has breakfast before school", "who_does_what": "Mum", "baseline": 2}],
        taf_members=["Ms School Nurse"],
    ).value
    for number in range(reviews):
        early_help.review_plan(
            store,
            plan.id,
            held_on=started + timedelta(weeks=6 * (number + 1)),
            life_improved="Amira still comes in hungry; she says nothing has changed at home.",
            overall=Judgement.NO_CHANGE.value,
            decision=ReviewDecision.CONTINUE.value,
            next_review=(started + timedelta(weeks=6 * (number + 1) + 4)).isoformat(),
        )
    return store.get_as(EarlyHelpPlan, plan.id)


def _store(app) -> RecordStore:  # type: ignore[no-untyped-def]
    return app.session.require_store()


def test_review_guide_nudges_then_prompts_and_drafts_a_mash_enquiry(qtbot: QtBot, make_app, vault, store) -> None:  # type: ignore[no-untyped-def]
    child = _child(store)
    plan = _plan(store, child, reviews=1)
    app, record = open_record(qtbot, make_app, vault, child, "early_help")
    tab = record.early_help
    assert tab.current_plan() is not None and tab.current_plan().id == plan.id
    tab.review_plan()
    guide = tab.dialog
    assert isinstance(guide, ReviewGuide)
    assert guide.step() == ReviewGuide.LIFE

    # the first question is required
    guide.next_button.click()
    assert guide.step() == ReviewGuide.LIFE and guide.error.text()

    # an answer only about services is asked "and what is different for the child?", and the guide waits
    qtbot.keyClicks(guide.life_improved, SERVICES_ONLY)
    guide.next_button.click()
    assert guide.step() == ReviewGuide.LIFE
    assert guide.nudge.isVisible() and guide.nudge.prompt.code == PromptCode.SERVICES_ONLY
    guide.next_button.click()
    assert guide.step() == ReviewGuide.LIFE  # still blocked

    # describing the child's lived experience lets the review go on
    guide.life_improved.moveCursor(guide.life_improved.textCursor().MoveOperation.End)
    qtbot.keyClicks(guide.life_improved, LIVED)
    guide.next_button.click()
    assert guide.step() == ReviewGuide.VOICE and not guide.nudge.isVisible()
    guide.child_voice.setPlainText("“Mum makes toast now sometimes.”")
    assert guide.impact.toPlainText() == ""  # asked for, not required
    guide.impact.setPlainText("Still falls asleep in the first lesson on Mondays.")
    guide.next_button.click()
    assert guide.step() == ReviewGuide.GOALS
    score, evidence = next(iter(guide.scores.values()))
    score.setValue(3)
    qtbot.keyClicks(evidence, "Breakfast club register: came in hungry twice this week.")
    guide.next_button.click()
    assert guide.step() == ReviewGuide.DECISION

    # no change, a second time: the guide says so and offers both actions
    guide.next_button.click()
    assert guide.step() == ReviewGuide.DECISION and guide.error.text()  # judgement needed
    guide.judgement_buttons[Judgement.NO_CHANGE].setChecked(True)
    guide.next_button.click()
    assert guide.step() == ReviewGuide.NEXT, guide.error.text()
    codes = [p.prompt.code for p in guide.panels]
    assert PromptCode.TWO_WITHOUT_IMPROVEMENT in codes
    panel = guide.panels[codes.index(PromptCode.TWO_WITHOUT_IMPROVEMENT)]
    assert set(panel.buttons) == {ActionCode.REVISE_GOALS, ActionCode.DRAFT_MASH_ENQUIRY}
    assert panel.buttons[ActionCode.REVISE_GOALS].text() == "Revise the targets now"
    assert panel.buttons[ActionCode.DRAFT_MASH_ENQUIRY].text() == "Start a MASH enquiry draft"
    reviews = _store(app).for_child(child.id, EarlyHelpReview)
    assert len(reviews) == 2 and any(r.life_improved == (SERVICES_ONLY + LIVED).strip() for r in reviews)
    assert any(r.impact_on_child == "Still falls asleep in the first lesson on Mondays." for r in reviews)

    # revise the targets now
    panel.buttons[ActionCode.REVISE_GOALS].click()
    revise = guide.revise_dialog
    assert isinstance(revise, ReviseGoalsDialog)
    revise.goals.rows[0].what.setText("Amira has breakfast at home at least four days a week")
    qtbot.keyClicks(revise.reason, "Two reviews without change: the goal now measures Amira's mornings.")
    revise.save_button.click()
    assert revise.error.text() == ""
    goals = _store(app).get_as(EarlyHelpPlan, plan.id).goals
    assert goals[0].what_will_change.startswith("Amira has breakfast at home")
    assert goals[0].goal_id == plan.goals[0].goal_id

    # start a MASH enquiry draft: a draft Referral pre-filled from the case
    panel.buttons[ActionCode.DRAFT_MASH_ENQUIRY].click()
    drafts = [r for r in _store(app).for_child(child.id, Referral) if r.status == ReferralStatus.DRAFT]
    assert len(drafts) == 1 and drafts[0].form
    assert not panel.buttons[ActionCode.DRAFT_MASH_ENQUIRY].isEnabled()
    assert "draft MASH enquiry" in guide.outcome.text()
    guide.done_button.click()


def test_closing_from_the_review_guide_asks_what_has_improved(qtbot: QtBot, make_app, vault, store) -> None:  # type: ignore[no-untyped-def]
    child = _child(store)
    plan = _plan(store, child)
    _app, record = open_record(qtbot, make_app, vault, child, "early_help")
    record.early_help.review_plan()
    guide = record.early_help.dialog
    qtbot.keyClicks(guide.life_improved, "Amira eats breakfast every day and sleeps through the night.")
    for _ in range(3):
        guide.next_button.click()
    guide.judgement_buttons[Judgement.IMPROVED].setChecked(True)
    guide.decision.setCurrentIndex(guide.decision.findData(ReviewDecision.CLOSE.value))
    assert guide.closing.isVisible() and not guide.next_review.isVisible()
    guide.next_button.click()
    assert guide.step() == ReviewGuide.DECISION and guide.error.text()  # what has improved is required
    qtbot.keyClicks(guide.closing, "Amira is fed, rested and on time; she says home feels calmer.")
    guide.next_button.click()
    assert guide.step() == ReviewGuide.NEXT, guide.error.text()
    closed = _app.session.require_store().get_as(EarlyHelpPlan, plan.id)
    assert closed.status == PlanStatus.CLOSED and "home feels calmer" in closed.closing_summary


def test_start_and_close_a_plan(qtbot: QtBot, make_app, vault, store) -> None:  # type: ignore[no-untyped-def]
    child = _child(store)
    app, record = open_record(qtbot, make_app, vault, child, "early_help")
    tab = record.early_help
    assert not tab.review_button.isEnabled()
    tab.start_plan()
    dialog = tab.dialog
    assert isinstance(dialog, StartPlanDialog)
    assert (dialog.next_review.date().toPython() - TODAY).days == 42  # 6 weeks by default
    dialog.save_button.click()
    assert "goal" in dialog.error.text()  # at least one goal
    qtbot.keyClicks(dialog.child_view, "I get hungry in maths.")
    qtbot.keyClicks(dialog.worries, "Amira often has no breakfast.")
    row = dialog.goals.rows[0]
    qtbot.keyClicks(row.what, "Amira has breakfast before school")
    qtbot.keyClicks(row.who, "Mum; breakfast club")
    row.baseline.setValue(3)
    qtbot.keyClicks(dialog.taf, "Ms School Nurse, Mr Family Worker")
    dialog.save_button.click()
    assert dialog.error.text() == ""
    plans = _store(app).for_child(child.id, EarlyHelpPlan)
    assert (
        len(plans) == 1
        and plans[0].goals[0].baseline == 3
        and plans[0].taf_members
        == [
            "Ms School Nurse",
            "Mr Family Worker",
        ]
    )
    assert plans[0].next_review == TODAY + timedelta(weeks=6)
    assert tab.review_button.isEnabled()
    tab.close_plan()
    closing = tab.dialog
    assert isinstance(closing, ClosePlanDialog)
    closing.save_button.click()
    assert closing.error.text()
    qtbot.keyClicks(closing.what_improved, "Amira has breakfast every day now.")
    closing.save_button.click()
    assert _store(app).get_as(EarlyHelpPlan, plans[0].id).status == PlanStatus.CLOSED


def _neglect(store: RecordStore, child: Child, days_ago: int) -> Concern:
    return store.add(
        Concern(
            child_id=child.id,
            observed_at=datetime.combine(TODAY - timedelta(days=days_ago), datetime.min.time()).replace(hour=9),
            reporter_name="Ms Class Teacher",
            categories=[Category.NEGLECT],
            what_happened="No coat in the rain; said there was no breakfast.",
            significant=True,
        )
    )


def test_threshold_tool_saves_a_decision_shown_on_the_overview(qtbot: QtBot, make_app, vault, store) -> None:  # type: ignore[no-untyped-def]
    child = _child(store)
    concern = _neglect(store, child, 5)
    app, record = open_record(qtbot, make_app, vault, child, "overview")
    assert "No Levels of Need decision" in _texts(record.overview)
    record.early_help.threshold_tool()
    tool = record.early_help.dialog
    assert isinstance(tool, ThresholdTool)
    tool.mark(3, "child_development")
    tool.mark(2, "parenting_capacity")
    tool.mark(2, "family_environment")
    assert tool.suggested.text().startswith("Level 3")
    tool.level.setCurrentIndex(tool.level.findData(2))
    assert PromptCode.LEVEL_BELOW_EVIDENCE in tool.prompt_codes()
    tool.level.setCurrentIndex(tool.level.findData(3))
    assert tool.prompt_codes() == []
    tool.save_button.click()
    assert "reasoning" in tool.error.text()
    qtbot.keyClicks(tool.reasoning, "Needs across all three domains; several agencies are needed.")
    qtbot.keyClicks(tool.consulted, "MASH consultation line")
    tool.concerns.item(0).setCheckState(Qt.CheckState.Checked)
    tool.save_button.click()
    assert tool.error.text() == ""
    decisions = _store(app).for_child(child.id, ThresholdDecision)
    assert len(decisions) == 1
    assert decisions[0].level == 3 and decisions[0].concern_ids == [concern.id]
    assert decisions[0].consulted == "MASH consultation line"
    assert "Level 3" in _texts(record.overview)


def test_overview_alerts_say_why(qtbot: QtBot, make_app, vault, store) -> None:  # type: ignore[no-untyped-def]
    child = _child(store)
    for days in (40, 20, 3):
        _neglect(store, child, days)
    _app, record = open_record(qtbot, make_app, vault, child, "overview")
    text = _texts(record.overview)
    assert "Practice alerts" in text and "neglect" in text.lower()


def test_escalation_start_and_step_up(qtbot: QtBot, make_app, vault, store) -> None:  # type: ignore[no-untyped-def]
    child = _child(store)
    escalation.start_escalation(
        store, child.id, DisagreementType.THRESHOLD, TODAY - timedelta(days=30), "NFA after three neglect concerns."
    )
    app, record = open_record(qtbot, make_app, vault, child, "escalations")
    tab = record.escalations
    tab.listing.table.selectRow(0)
    assert tab.panel is not None and tab.panel.prompt.code == PromptCode.ESCALATION_NEXT_STAGE  # overdue
    assert tab.listing.model.index(0, 2).data() == "Response overdue"
    tab.panel.buttons[ActionCode.ESCALATE].click()
    dialog = tab.dialog
    assert isinstance(dialog, StepUpDialog)
    qtbot.keyClicks(dialog.with_whom, "Mr Team Manager (fictional)")
    dialog.save_button.click()
    assert dialog.error.text() == ""
    steps = sorted(_store(app).for_child(child.id, Escalation), key=lambda e: e.stage)
    assert [s.stage for s in steps] == [1, 2] and steps[1].respond_by is not None
    assert steps[1].with_whom == "Mr Team Manager (fictional)"

    tab.start()
    start = tab.dialog
    assert isinstance(start, StartEscalationDialog)
    start.disagreement.setCurrentIndex(start.disagreement.findData(DisagreementType.INFORMATION_SHARING.value))
    qtbot.keyClicks(start.summary_box, "Health visitor declined to share; we need to know about the new baby.")
    start.save_button.click()
    assert start.error.text() == ""
    assert len(_store(app).for_child(child.id, Escalation)) == 3

    # record the response that resolves it
    newest = max(_store(app).for_child(child.id, Escalation), key=lambda e: (e.raised_on, e.created_at))
    for row in range(tab.listing.proxy.rowCount()):
        if getattr(tab.listing.proxy.index(row, 0).data(OBJECT_ROLE), "id", None) == newest.id:
            tab.listing.table.selectRow(row)
    assert tab.respond_button.isEnabled()
    tab.respond()
    response = tab.dialog
    assert isinstance(response, ResponseDialog)
    qtbot.keyClicks(response.outcome, "The health visitor agreed to share the birth details with school.")
    response.resolved.setChecked(True)
    response.save_button.click()
    assert response.error.text() == ""
    resolved = _store(app).get_as(Escalation, newest.id)
    assert resolved.resolved_on == TODAY and "agreed to share" in resolved.outcome


def test_sharing_decision_saved(qtbot: QtBot, make_app, vault, store) -> None:  # type: ignore[no-untyped-def]
    child = _child(store)
    app, record = open_record(qtbot, make_app, vault, child, "sharing")
    record.sharing.record()
    dialog = record.sharing.dialog
    assert isinstance(dialog, SharingDialog)
    qtbot.keyClicks(dialog.what, "Three neglect concerns this term")
    qtbot.keyClicks(dialog.with_whom, "School nurse (fictional)")
    dialog.save_button.click()
    assert "with whom" not in dialog.error.text() and "reasons" in dialog.error.text()
    dialog.shared_yes.setChecked(True)
    qtbot.keyClicks(dialog.reasons, "She is seeing Amira about her weight; she needs to know.")
    dialog.save_button.click()
    assert "consent" in dialog.error.text()  # not sought: say why
    qtbot.keyClicks(dialog.consent_why, "Mum had already agreed to the nurse's involvement.")
    dialog.save_button.click()
    assert dialog.error.text() == ""
    saved = _store(app).for_child(child.id, SharingDecision)
    assert len(saved) == 1 and saved[0].shared and saved[0].with_whom == "School nurse (fictional)"
    assert record.sharing.listing.model.rowCount() == 1


def _texts(widget) -> str:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel

    return "\n".join(label.text() for label in widget.findChildren(QLabel))


def test_locking_closes_the_guidance_dialogs(qtbot: QtBot, make_app, vault, store) -> None:  # type: ignore[no-untyped-def]
    child = _child(store)
    _plan(store, child)
    app, record = open_record(qtbot, make_app, vault, child, "early_help")
    record.early_help.review_plan()
    guide = record.early_help.dialog
    qtbot.keyClicks(guide.life_improved, "Amira sleeps through the night now.")
    guide.act(ActionCode.REVISE_GOALS)
    revise = guide.revise_dialog
    assert guide.isVisible() and revise.isVisible()
    app.lock()
    assert not guide.isVisible() and not revise.isVisible()
    assert isinstance(app.window.screen_widget, UnlockPage)


def test_a_review_about_services_is_marked_in_the_early_help_tab(qtbot: QtBot, make_app, vault, store) -> None:  # type: ignore[no-untyped-def]
    child = _child(store)
    plan = _plan(store, child)
    held = plan.started_on + timedelta(weeks=6)
    saved = early_help.review_plan(
        store,
        plan.id,
        held_on=held,
        life_improved=SERVICES_ONLY,
        overall=Judgement.IMPROVED.value,
        decision=ReviewDecision.CONTINUE.value,
    ).value.review
    mark = "Answer describes services, not the child's daily life"
    _app, record = open_record(qtbot, make_app, vault, child, "early_help")
    tab = record.early_help
    model = tab.listing.model
    summaries = {
        str(model.data(model.index(row, 0), OBJECT_ROLE).id): model.data(model.index(row, 2))
        for row in range(model.rowCount())
    }
    assert summaries[str(saved.id)] == f"Improved ({mark}): {SERVICES_ONLY}"
    assert mark not in summaries[str(plan.id)]
    assert f"{SERVICES_ONLY} <b>({mark.replace(chr(39), '&#x27;')})</b>" in tab._html(tab.plans[0])
    assert mark.replace("'", "&#x27;") in tab._html(saved)

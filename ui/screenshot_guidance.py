"""Screenshots of the practice-guidance screens (called by ``ui.screenshots``): the Early Help review guide
asking "and what is different for the child?", and the Levels of Need tool."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget


def guidance_shots(workspace: Any, store: Any, shot: Callable[[str, QWidget | None], None]) -> None:
    from dslapp.models.early_help import PlanStatus
    from ui.models.records import OBJECT_ROLE

    plans = [p for p in _all_plans(store) if p.status == PlanStatus.OPEN]
    if not plans:
        return
    plan = max(plans, key=lambda p: (len(p.goals), str(p.id)))
    workspace.go(type(workspace.location)("child", str(plan.child_id), "early_help"))
    page = workspace.child_page
    tab = page.early_help
    for row in range(tab.listing.proxy.rowCount()):
        if getattr(tab.listing.proxy.index(row, 0).data(OBJECT_ROLE), "id", None) == plan.id:
            tab.listing.table.selectRow(row)
    tab.review_plan()
    guide = tab.dialog
    guide.resize(900, 680)
    guide.life_improved.setPlainText(
        "Mum attended every TAF meeting and the family was referred to the parenting course. School engaged well."
    )
    guide.next()  # only about services: the guide asks what is different for the child
    shot("10-eh-review-guide", guide)
    guide.reject()

    tab.threshold_tool()
    tool = tab.dialog
    tool.resize(1180, 860)
    tool.mark(3, "child_development", 0)
    tool.mark(2, "child_development", 1)
    tool.mark(3, "parenting_capacity", 1)
    tool.mark(2, "family_environment", 0)
    tool.level.setCurrentIndex(tool.level.findData(2))
    tool.reasoning.setPlainText(
        "Neglect concerns are repeated and breakfast club has not been enough on its own. Mum has agreed to a "
        "Team Around the Family; the evidence points to level 3 in one domain, which we are weighing."
    )
    tool.consulted.setText("MASH consultation line (fictional)")
    shot("11-threshold-tool", tool)
    tool.reject()

    # Today, scrolled to the practice alerts (each says why it fired)
    from PySide6.QtWidgets import QScrollArea

    workspace.go(type(workspace.location)("today"))
    alerts = workspace.today.sections.get("alerts")
    scroll = next((a for a in workspace.today.findChildren(QScrollArea) if alerts and a.isAncestorOf(alerts)), None)
    if alerts is not None and scroll is not None:
        scroll.ensureWidgetVisible(alerts, 0, 0)
        shot("12-today-alerts", None)


def _all_plans(store: Any) -> list[Any]:
    from dslapp.models import EarlyHelpPlan
    from dslapp.services.children import list_children

    plans: list[Any] = []
    for summary in list_children(store):
        plans.extend(store.for_child(summary.id, EarlyHelpPlan))
    return plans

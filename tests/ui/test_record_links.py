"""Record views list the records a record follows and led to (issue 14, item 10), described, never as ids.
Fictional data only."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pytestqt.qtbot import QtBot

from dslapp.models import Category, Concern, EarlyHelpPlan, Referral, ReferralOutcome, ReferralStatus
from dslapp.models.referral import ParentConsent
from ui import strings
from ui.widgets.record_views import record_html

CHILD = uuid.UUID(int=7)


def test_record_views_show_links_in_words(qtbot: QtBot) -> None:
    concern = Concern(
        child_id=CHILD,
        observed_at=datetime(2026, 3, 2, 9, 0),
        recorded_at=datetime(2026, 3, 2, 9, 30),
        reporter_name="Mr T. Fictional",
        categories=[Category.NEGLECT],
        what_happened="Hungry at breakfast club.",
        impact_on_child="Could not settle in the first lesson.",
    )
    referral = Referral(
        child_id=CHILD,
        started_on=date(2026, 3, 4),
        status=ReferralStatus.OUTCOME,
        sent_on=date(2026, 3, 4),
        consent=ParentConsent.TOLD_AGREED,
        concern_ids=[concern.id],
        outcome=ReferralOutcome.EARLY_HELP,
        outcome_on=date(2026, 3, 9),
    )
    plan = EarlyHelpPlan(child_id=CHILD, started_on=date(2026, 3, 16), started_from_id=referral.id)
    records = [concern, referral, plan]
    shown = record_html(referral, records=records)
    assert strings.RECORD_LINKS in shown
    assert "Following: concern of 02/03/2026." in shown and "Led to: Early Help plan started 16/03/2026." in shown
    assert str(concern.id) not in shown  # linked ids are described, not listed
    concern_view = record_html(concern, records=records)
    assert "Could not settle in the first lesson." in concern_view and strings.CONCERN_IMPACT in concern_view
    assert "Led to: MASH enquiry sent 04/03/2026." in concern_view
    plan_view = record_html(plan, records=records)
    assert "Following: outcome of the MASH enquiry sent 04/03/2026 (Early Help, 09/03/2026)." in plan_view

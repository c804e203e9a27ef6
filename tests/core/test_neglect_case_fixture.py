"""A realistic four-month neglect case (tests/fixtures/neglect_four_months.json, fictional): concerns that
carry on under an Early Help plan, two reviews with no change, a MASH enquiry ended "no further action" and
a new concern after it. Imported as a case bundle, Today on a fixed date says what the review learning says
it must, line by line."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from support import MakeVault

from dslapp.guidance.alerts import AlertItem
from dslapp.services.alerts import acknowledge_alert
from dslapp.services.bundle import import_bundle, read_bundle_file
from dslapp.services.today import today
from dslapp.store import RecordStore

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "neglect_four_months.json"
ON = date(2026, 5, 20)
TILLY = "Tilly Examplefield"


@pytest.fixture
def imported(tmp_path: Path, make_vault: MakeVault) -> Iterator[RecordStore]:
    vault, _ = make_vault(tmp_path / "receiving", "Mr Bo Receiver")
    store = RecordStore(vault)
    import_bundle(store, read_bundle_file(FIXTURE))
    yield store
    vault.lock()


def _lines(store: RecordStore, on: date) -> list[tuple[str, str, str, str, str]]:
    out = []
    for section, items in today(store, on).items():
        for item in items:
            data = item.as_json()
            out.append((section, data["rule_id"], data["child_name"], data["title"], str(data.get("reason", ""))))
    return out


def test_today_after_four_months_of_neglect_under_a_plan(imported: RecordStore) -> None:
    assert _lines(imported, ON) == [
        ("overdue_actions", "action_overdue", TILLY,
         "Check in with Tilly at the gate each morning and offer breakfast club", ""),
        ("alerts", "cumulative_neglect", TILLY, "Neglect pattern: 6 concerns since 12/01/2026",
         "Tilly Examplefield has had 6 concerns showing signs of neglect between 12/01/2026 and 11/05/2026 "
         "(3 within 90 days). MASH enquiry ended on 28/04/2026 (No further action); 1 more neglect concern since "
         "then. A plan, a referral or a decision on one concern does not end the pattern: look at the concerns "
         "together and record what you decide about the pattern as a whole."),
        ("alerts", "nfa_concerns_continue", TILLY, "Situation not improving: consider escalation",
         "The MASH enquiry sent on 21/04/2026 ended in no further action on 28/04/2026, and a new concern followed "
         "on 11/05/2026. If the child's situation is not improving, press for the decision to be reconsidered "
         "under the partnership's resolution protocol, or make a new request for support."),
        ("alerts", "eh_no_improvement", TILLY, "Early Help: no improvement at two reviews",
         "The Early Help reviews on 13/04/2026 and 18/05/2026 both show no improvement in Tilly Examplefield's "
         "daily life (no change, then no change). Revise the targets or consider a MASH contact."),
        ("alerts", "eh_no_review_booked", TILLY, "Early Help plan with no review booked",
         "Tilly Examplefield's Early Help plan, started on 02/03/2026, has no next review date (last reviewed on "
         "18/05/2026). A plan with no review booked is drifting: book the next review, or close or step up the "
         "plan."),
    ]  # fmt: skip


def test_before_the_plan_the_pattern_had_formed_already(imported: RecordStore) -> None:
    """On 25/02/2026 (hunger, lateness, then the same clothes, smell and a young carer's evenings, under three
    different categories) the pattern stands although the third concern was given Early Help."""
    [neglect] = [line for line in _lines(imported, date(2026, 2, 25)) if line[1] == "cumulative_neglect"]
    assert neglect[3] == "Neglect pattern: 3 concerns since 12/01/2026"
    assert "(3 within 90 days). No referral, Early Help plan or review of the pattern is recorded." in neglect[4]


def test_reviewing_the_pattern_then_a_new_concern(imported: RecordStore) -> None:
    [alert] = [
        i for i in today(imported, ON)["alerts"] if isinstance(i, AlertItem) and i.rule_id == "cumulative_neglect"
    ]
    acknowledge_alert(imported, alert, "Pattern reviewed with the family worker: new MASH contact and escalation.", ON)
    [seen] = [
        i for i in today(imported, ON)["alerts"] if isinstance(i, AlertItem) and i.rule_id == "cumulative_neglect"
    ]
    assert seen.acknowledged_on == ON
    assert "Pattern reviewed on 20/05/2026; no more neglect concerns since then." in seen.reason

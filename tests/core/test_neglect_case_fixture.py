"""A realistic four-month neglect case (tests/fixtures/neglect_four_months.json, fictional): concerns that
carry on under an Early Help plan, two reviews with no change, a MASH enquiry ended "no further action" and
a new concern after it. Imported as a case bundle, Today on a fixed date says what the review learning says
it must, line by line, and the chronology PDF tells the case row by row."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from support import MakeVault

from dslapp.export.chronology_pdf import render_chronology_pdf
from dslapp.guidance.alerts import AlertItem
from dslapp.models import Child
from dslapp.services.alerts import acknowledge_alert
from dslapp.services.bundle import import_bundle, read_bundle_file
from dslapp.services.chronology import build_chronology
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
        ("alerts", "eh_describes_services", TILLY, "Early Help review: answer describes services, not the child",
         "At the Early Help review on 13/04/2026, the answer to “how has life improved for the child?” describes "
         "services delivered, not what is different in Tilly's daily life. Find out from Tilly and the family what "
         "has changed, amend the review, and treat it as no improvement until you know."),
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
         "daily life (no change; answer describes services, not the child's daily life, then no change). Revise the "
         "targets or consider a MASH contact."),
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


CHRONOLOGY_ROWS = [
        (
            '12/01/2026 Neglect · Medium severity Tilly arrived at 08:50 and asked the TA for toast before '
            'register. She ate two slices quickly. Her PE kit was not in school for the third week. Child said: '
            "“Mum didn't do breakfast, there wasn't any bread.” Mr Jonah Placeholder, Class teacher ? Tilly "
            'could not settle to her phonics until she had eaten; she was calmer after toast. DSL decision: '
            'Monitor in school (First recorded concern. Spoke to mum at pick-up: she said money is tight this '
            'month. Breakfast club place offered.) Ms Imogen Testwell'
        ),
        (
            '03/02/2026 Attendance / missing education · Medium severity Arrived late again at 09:20, the '
            'fourth time in two weeks. Tilly said she had to wait for her brother to be ready. Child said: “I '
            'have to get Alfie dressed cos mum is still asleep.” Mr Jonah Placeholder, Class teacher ? Tilly '
            'missed the start of every lesson that week and said she felt silly walking in late. DSL decision: '
            'Support in school (Attendance officer to call mum; Tilly to be met at the gate by the learning '
            'mentor.) Ms Imogen Testwell'
        ),
        (
            '24/02/2026 Emotional abuse · Medium severity Tilly has worn the same clothes since Friday and '
            'there is a strong smell. She fell asleep in maths. She told the TA she looks after Alfie in the '
            "evenings because mum is poorly. Child said: “Mum stays in bed. I do Alfie's tea.” Mr Jonah "
            'Placeholder, Class teacher ? Not recorded DSL decision: Early Help (Young carer responsibilities '
            'and care at home: Early Help assessment offered to mum, who agreed.) Led to: Early Help plan '
            'started 02/03/2026. Ms Imogen Testwell'
        ),
        (
            '02/03/2026 Early Help plan started. Worries: Tilly is hungry in the mornings, often late, wears '
            "unwashed clothes and cares for her brother. Child's view: “I want to have breakfast and not be "
            'late.” Following: concern of 24/02/2026. Early Help: Ms Imogen Testwell (DSL) ? Not recorded 2 '
            'SMART goals agreed. Team Around the Family: Mum, DSL, Family support worker, School nurse. Ms '
            'Imogen Testwell'
        ),
        (
            '18/03/2026 Neglect · Medium severity Tilly held her jaw all morning and could not eat her lunch. '
            'She said her tooth has hurt for weeks and she has not been to the dentist. Child said: “It hurts '
            "when I eat. Mum said we'll go but we didn't.” Mr Jonah Placeholder, Class teacher ? Tilly could "
            'not eat lunch and was tearful and in pain all afternoon. DSL decision: Monitor in school (Raised '
            'at the TAF; the family support worker will help mum book a dentist this week.) Ms Imogen Testwell'
        ),
        (
            "13/04/2026 Early Help (TAF) review: overall no change. Child's view: “I still have to get Alfie "
            'ready.” TAF review: Mum, DSL, Family support worker ? Mum attended the TAF meeting and the family '
            'support worker has visited twice. Mum has been referred to a parenting course. (Answer describes '
            "services, not the child's daily life.) Decision: Continue the plan. Next review 18/05/2026. Ms "
            'Imogen Testwell'
        ),
        (
            "20/04/2026 Neglect · Medium severity Tilly was seen taking food from other children's lunchboxes. "
            "She was hungry and had no coat in the rain. Child said: “I was starving. There's no food in the "
            'cupboard.” Mr Jonah Placeholder, Class teacher ? Tilly was upset and ashamed when the other '
            'children noticed; she ate a full school lunch. DSL decision: MASH enquiry (Neglect continuing '
            'under the Early Help plan with no improvement: MASH contact made.) Led to: MASH enquiry sent '
            '21/04/2026. Ms Imogen Testwell'
        ),
        (
            '21/04/2026 MASH enquiry sent to the MASH (reference MASH/FICT/0421). Parents told and refused '
            'consent; the enquiry went ahead because: Mum did not agree, but Tilly has been hungry at school '
            'for four months under a plan and nothing has changed for her; her welfare comes first. Following: '
            'concern of 20/04/2026. School (DSL) ? Not recorded Outcome 28/04/2026: No further action. Ms '
            'Imogen Testwell'
        ),
        (
            "28/04/2026 Outcome of MASH enquiry sent 21/04/2026: No further action. MASH / children's social "
            'care ? Not recorded Below threshold; continue Early Help. Led to: concern of 11/05/2026. Ms Imogen '
            'Testwell'
        ),
        (
            '11/05/2026 Neglect · Medium severity Tilly has head lice that have not been treated for three '
            "weeks and the same unwashed uniform all week. Child said: “Mum hasn't got the stuff for my hair.” "
            'Following: outcome of the MASH enquiry sent 21/04/2026 (No further action, 28/04/2026). Mr Jonah '
            'Placeholder, Class teacher ? Not recorded DSL decision: Monitor in school (Discussed with the '
            'family support worker; school nurse to visit mum.) Ms Imogen Testwell'
        ),
        (
            "18/05/2026 Early Help (TAF) review: overall no change. Child's view: “Nothing is different.” TAF "
            'review: DSL, Family support worker ? Mum did not attend. The support worker has referred mum to a '
            'parenting course. Tilly is still late and hungry most days. Decision: Continue the plan. Ms Imogen '
            'Testwell'
        ),
        (
            'End of chronology: 11 entries.'
        ),
]  # fmt: skip


def _pdf_body(data: bytes) -> tuple[str, list[str]]:
    """The chronology's rows as one line of text (page furniture removed), and each page's furniture."""
    bodies, furniture = [], []
    for page in PdfReader(io.BytesIO(data)).pages:
        text = page.extract_text()
        body, _, rest = text.partition("OFFICIAL-SENSITIVE")
        bodies.append(body)
        furniture.append(" ".join(rest.split()))
    return " ".join(" ".join(bodies).split()), furniture


def test_the_chronology_pdf_tells_the_case_in_order(imported: RecordStore) -> None:
    """Every significant event, in the order things happened, with the impact on Tilly where it was recorded, the
    consent exactly as recorded, the review whose answer describes services marked, and what led to what."""
    [child] = imported.all_of(Child)
    data = render_chronology_pdf(build_chronology(imported, child.id), "Ms A. Test", datetime(2026, 5, 20, 16, 0))
    body, furniture = _pdf_body(data)
    assert body == " ".join(CHRONOLOGY_ROWS)
    assert len(furniture) == 2
    for number, page in enumerate(furniture, start=1):
        assert page.startswith(
            "OFFICIAL-SENSITIVE Chronology of significant events Tilly Examplefield Date of birth: 14/02/2016 "
            "Period: 12/01/2026 to 18/05/2026 Generated by Ms A. Test on 20/05/2026 at 16:00 "
        )
        assert f"Page {number} of 2" in page

"""The MASH enquiry: the form settings, the pre-fill, autosave and save, completeness, consent, the
status flow (dates, amendments, audit rows), escalation, and the PDF read back with pypdf.

Everything runs on a real SQLCipher vault; every name and event is fictional.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from mash_cases import COMPLETION, SENT, Case, ago, flat, make_case, pages_text, present
from pypdf import PdfReader
from support import PASSPHRASE
from support import run_cli as _run

from dslapp.errors import (
    ConsentReasonNeeded,
    EnquiryFormInvalid,
    InvalidRecord,
    ReferralStepNotAllowed,
    WeakPdfPassword,
)
from dslapp.export.mash_pdf import render_mash_pdf
from dslapp.models import Escalation, Referral, ReferralOutcome, ReferralStatus
from dslapp.models.referral import ParentConsent, SentVia
from dslapp.services import early_help, mash
from dslapp.services.children import add_child, open_child_file
from dslapp.services.chronology import build_chronology
from dslapp.services.documents import export_mash_pdf
from dslapp.services.mash import load_enquiry_form
from dslapp.services.today import today
from dslapp.store import RecordStore
from dslapp.vault.vault import Vault

FORM = load_enquiry_form()
PASSWORD = "fictional PDF password 42"

# DOMAIN.md, "A MASH enquiry": the sections every enquiry has, in this order.
DOMAIN_SECTIONS = [
    "Type of request",
    "Consent and what the parents know",
    "The child",
    "Household and significant adults",
    "The referrer",
    "Other professionals involved",
    "The concern",
    "The child's developmental needs",
    "Parenting capacity",
    "Family and environment",
    "What has been tried already",
    "Strengths and protective factors",
    "Previous involvement of children's services",
    "Views of the child and family",
    "The referrer's view of risk and level of need",
    "What the referrer hopes will happen",
]


@pytest.fixture
def case(store: RecordStore) -> Case:
    return make_case(store)


def _complete(store: RecordStore, referral: Referral) -> Referral:
    saved = mash.update_enquiry(store, referral.id, COMPLETION).value
    return saved


def _audit_rows(store: RecordStore, obj: str, action: str) -> list[str]:
    rows = store.db.execute("SELECT detail FROM audit WHERE object = ? AND action = ?", (obj, action)).fetchall()
    return [str(r[0]) for r in rows]


# ---- the form settings ---------------------------------------------------------------------------


def test_the_form_has_every_domain_section_in_order() -> None:
    assert [s.heading for s in FORM.sections] == DOMAIN_SECTIONS
    assert len(set(FORM.keys)) == len(FORM.keys)
    concern = next(s for s in FORM.sections if s.key == "concern")
    assert [f.key for f in concern.fields] == [
        "the_concern",
        "concern_when",
        "impact_on_child",
        "child_words",
        "category_of_harm",
    ]
    child = {f.key for f in next(s for s in FORM.sections if s.key == "child").fields}
    assert {
        "child_name",
        "child_dob",
        "child_gender",
        "child_ethnicity",
        "child_language",
        "child_interpreter",
    } <= child
    assert {"child_disability", "child_religion", "child_address", "child_school", "child_upn"} <= child
    assert {"child_nhs_number", "child_gp"} <= child
    referrer = [f.key for f in next(s for s in FORM.sections if s.key == "referrer").fields]
    assert referrer == ["referrer_name", "referrer_role", "referrer_school", "referrer_phone", "referrer_email"]
    # The consent examples where telling parents could increase the risk are in the guidance.
    reason = FORM.field("not_told_reason")
    for example in ("sexual abuse within the family", "fabricated or induced illness", "domestic abuse"):
        assert example in reason.help
    assert "section 2" in FORM.declaration and "{" not in FORM.declaration


def test_another_authoritys_form_order_and_labels_can_be_loaded(tmp_path: Path, store: RecordStore) -> None:
    text = Path(__file__).parents[2].joinpath("resources", "mash", "enquiry_form.toml").read_text("utf-8")
    blocks = text.split("[[sections]]")
    head, sections = blocks[0], blocks[1:]
    # Move "The child" first, rename it, and relabel a field.
    child_index = next(i for i, b in enumerate(sections) if 'key = "child"' in b)
    reordered = [sections[child_index], *sections[:child_index], *sections[child_index + 1 :]]
    custom = head + "".join("[[sections]]" + b for b in reordered)
    custom = custom.replace('heading = "The child"', 'heading = "Details of the young person"')
    custom = custom.replace('label = "Legal name"', 'label = "Full legal name"')
    path = tmp_path / "other-la.toml"
    path.write_text(custom, encoding="utf-8")
    other = load_enquiry_form(path)
    assert other.sections[0].heading == "Details of the young person"
    assert other.field("child_name").label == "Full legal name"
    assert "section 3" in other.declaration  # consent is now the third section
    case = make_case(store)
    referral = mash.start_enquiry(store, case.child.id, form=other).value
    data, _pages = render_mash_pdf(
        referral, case.child, generated_by="Ms Ada Testperson (DSL)", generated_on=referral.created_at, form=other
    )
    text = flat(" ".join(pages_text(data)))
    assert text.find("1 Details of the young person") < text.find("2 Type of request")
    assert "Full legal name" in text
    path.write_text(custom.replace('kind = "consent"', 'kind = "checkbox"', 1), encoding="utf-8")
    with pytest.raises(EnquiryFormInvalid, match=r"other-la\.toml.*consent.*kind"):
        load_enquiry_form(path)
    with pytest.raises(EnquiryFormInvalid, match="could not be opened"):
        load_enquiry_form(tmp_path / "missing.toml")


# ---- starting and the pre-fill ------------------------------------------------------------------


def test_start_enquiry_saves_one_draft_prefilled_from_the_case(store: RecordStore, case: Case) -> None:
    result = mash.start_enquiry(store, case.child.id)
    referral, changes = result.value, result.changes
    assert changes.touches("referral") and str(case.child.id) in changes.child_ids
    assert [r.id for r in store.for_child(case.child.id, Referral)] == [referral.id]
    assert referral.status == ReferralStatus.DRAFT and referral.started_on == ago(0)
    form = referral.form
    assert form["child_name"] == "Łucja Wiśniewska" and form["child_known_as"] == "Lucy"
    assert form["child_dob"].startswith(case.child.dob.strftime("%d/%m/%Y"))
    assert form["child_language"] == "Polish" and form["child_upn"] == "A123456789012"
    assert "Anna Testmother: Mother. Parental responsibility: yes. Lives with the child." in form["household"]
    assert "Sam Fictionworker, Early Help worker, Fictionton Family Support" in form["professionals"]
    assert form["referrer_name"] == "Ms Ada Testperson"
    assert form["referrer_role"] == "Designated Safeguarding Lead (DSL)"
    assert form["referrer_school"] == "Fictional Test Academy"
    assert case.disclosure.what_happened in form["the_concern"] and case.earlier.what_happened in form["the_concern"]
    assert "10:40" in form["concern_when"]
    assert "“Last night tata pushed mama into the door" in form["child_words"]
    assert form["category_of_harm"] == "Domestic abuse, Physical abuse"
    assert "Monitor in school" in form["what_has_been_tried"]
    assert "Early Help plan started" in form["early_help"] and "mornings are calmer" in form["early_help"]
    assert form["strengths"].startswith("A trusted key adult")
    assert "Breakfast club is fun." in form["child_views"]
    assert "routines and money worries" in form["parents_views"]
    assert "Violence by father towards mother" in form["parenting_capacity"]
    assert form["level_of_need"] == "Level 4: Specialist / statutory"
    assert case.threshold.reasoning in form["referrer_view"]
    # Left for the DSL: what is asked for, consent, impact, what they hope for.
    for key in ("type_of_request", "impact_on_child", "hoped_for"):
        assert key not in form
    assert referral.consent is None
    assert _audit_rows(store, str(referral.id), "create") == ["referral"]


def test_every_prefilled_key_is_a_question_on_the_form(store: RecordStore, case: Case) -> None:
    """The pre-fill and the Early Help step-up built on it use the form's keys, so nothing pre-filled ends
    up under "Other information"."""
    ours = mash.prefill_enquiry(store, open_child_file(store, case.child.id, audit=False))
    assert set(ours) <= set(FORM.keys)
    guided = early_help.mash_form_from_case(store, case.child.id, ago(0))
    assert set(guided) <= set(FORM.keys) and guided["early_help"]


def test_the_mash_service_does_not_import_early_help() -> None:
    """Early Help's step-up uses the MASH pre-fill, never the other way round, so both import plainly at
    the top with no cycle (an importlib lookup once hid one here)."""
    script = "import sys, dslapp.services.mash; print('dslapp.services.early_help' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_the_referrers_phone_is_remembered_from_their_last_enquiry(store: RecordStore, case: Case) -> None:
    first = mash.start_enquiry(store, case.child.id).value
    assert "referrer_phone" not in first.form
    mash.update_enquiry(store, first.id, {"referrer_phone": "01234 000111", "referrer_email": "dsl@fictional.example"})
    other = make_case(store, forename="Olena", surname="Testchild")
    second = mash.start_enquiry(store, other.child.id).value
    assert second.form["referrer_phone"] == "01234 000111"
    assert second.form["referrer_email"] == "dsl@fictional.example"
    assert "Łucja" not in " ".join(second.form.values())


# ---- editing: autosave and save ------------------------------------------------------------------


def test_autosaves_are_kept_until_saved_as_one_amendment(store: RecordStore, case: Case) -> None:
    referral = mash.start_enquiry(store, case.child.id).value
    mash.autosave_enquiry(store, referral.id, {"hoped_for": "A strategy"})
    mash.autosave_enquiry(store, referral.id, {"hoped_for": "A strategy discussion today", "consent": "not_told"})
    assert store.get_as(Referral, referral.id).version == 1  # nothing amended yet
    editor = mash.open_enquiry(store, referral.id)
    assert editor.value("hoped_for") == "A strategy discussion today" and editor.value("consent") == "Not told"
    assert editor.unsaved == {"hoped_for": "A strategy discussion today", "consent": "not_told"}
    assert any(g.field == "not_told_reason" for g in editor.gaps)
    result = mash.update_enquiry(store, referral.id, {"impact_on_child": "She is frightened at night."})
    saved, changes = result.value, result.changes
    assert changes.touches("referral")
    assert saved.version == 2 and saved.form["hoped_for"] == "A strategy discussion today"
    assert saved.consent == ParentConsent.NOT_TOLD and saved.form["impact_on_child"] == "She is frightened at night."
    assert [a.reason for a in store.amendments(referral.id)] == ["Draft updated"]
    assert mash.pending_edits(store, referral.id) == {}
    result = mash.update_enquiry(store, referral.id, {"hoped_for": "A strategy discussion today"})
    unchanged, nothing = result.value, result.changes
    assert nothing.empty and unchanged.version == 2
    with pytest.raises(InvalidRecord, match="no question called “favourite_colour”"):
        mash.autosave_enquiry(store, referral.id, {"favourite_colour": "blue"})
    with pytest.raises(InvalidRecord, match="choose what the parents were told and said"):
        mash.update_enquiry(store, referral.id, {"consent": "perhaps"})


def test_changing_a_sent_enquiry_needs_a_reason(store: RecordStore, case: Case) -> None:
    referral = _complete(store, mash.start_enquiry(store, case.child.id).value)
    mash.mark_sent(store, referral.id, ago(0), **SENT)
    with pytest.raises(InvalidRecord, match="already been sent: say why"):
        mash.update_enquiry(store, referral.id, {"hoped_for": "Something else"})
    changed = mash.update_enquiry(store, referral.id, {"hoped_for": "Something else"}, reason="MASH asked").value
    assert changed.form["hoped_for"] == "Something else" and store.amendments(referral.id)[-1].reason == "MASH asked"


# ---- completeness --------------------------------------------------------------------------------


def test_completeness_lists_missing_and_thin_answers_by_field(store: RecordStore, case: Case) -> None:
    referral = mash.start_enquiry(store, case.child.id).value
    child_file = open_child_file(store, case.child.id, audit=False)
    gaps = mash.completeness(referral, child_file)
    by_field = {g.field: g for g in gaps}
    for key in ("type_of_request", "consent", "impact_on_child", "hoped_for", "referrer_phone"):
        assert by_field[key].kind == "missing" and by_field[key].blocking, key
    assert "impact on the child" in by_field["impact_on_child"].message
    assert by_field["referrer_email"].kind == "advised"
    assert all(g.field in FORM.keys for g in gaps) and all(g.section for g in gaps)
    assert not mash.is_complete(gaps)
    # Thin: a one-word account of the child's views; no child's words although concerns have them.
    thin = mash.apply_edits(referral, {"child_views": "Fine.", "child_words": ""})
    gaps = {g.field: g for g in mash.completeness(thin, child_file)}
    assert gaps["child_views"].kind == "thin"
    assert gaps["child_words"].message == "The child's words are recorded in 2 concerns but not quoted in this enquiry."
    done = _complete(store, referral)
    assert mash.is_complete(mash.completeness(done, child_file))
    no_strengths = mash.apply_edits(done, {"strengths": "  "})
    assert [g.field for g in mash.completeness(no_strengths) if g.blocking] == ["strengths"]


# ---- consent -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"consent": None}, "Say whether the parents or carers were told"),
        ({"consent": "not_told"}, "Say why the parents were not told"),
        ({"consent": "told_not_asked"}, "why their consent was not sought"),
        ({"consent": "told_refused"}, "going ahead without their consent"),
    ],
)
def test_consent_not_sought_without_a_reason_is_refused(
    store: RecordStore, case: Case, answers: dict[str, object], message: str
) -> None:
    referral = _complete(store, mash.start_enquiry(store, case.child.id).value)
    mash.update_enquiry(store, referral.id, {**answers, "not_told_reason": "", "without_consent_reason": ""})
    with pytest.raises(ConsentReasonNeeded, match=message):
        mash.mark_sent(store, referral.id, ago(0), **SENT)
    assert store.get_as(Referral, referral.id).status == ReferralStatus.DRAFT
    # A draft can still be saved without the reason; with it, sending is allowed.
    reason = "without_consent_reason" if answers["consent"] in ("told_refused", "told_not_asked") else "not_told_reason"
    mash.update_enquiry(store, referral.id, {reason: "Telling them could increase the risk."})
    if answers["consent"] is None:
        with pytest.raises(ConsentReasonNeeded):
            mash.mark_sent(store, referral.id, ago(0), **SENT)
        mash.update_enquiry(store, referral.id, {"consent": "not_told"})
    sent = mash.mark_sent(store, referral.id, ago(0), **SENT).value
    assert sent.status == ReferralStatus.SENT


def test_parents_who_know_and_agree_need_no_reason(store: RecordStore, case: Case) -> None:
    referral = _complete(store, mash.start_enquiry(store, case.child.id).value)
    mash.update_enquiry(store, referral.id, {"consent": "told_agreed"})
    assert mash.consent_problem(store.get_as(Referral, referral.id)) is None
    assert mash.mark_sent(store, referral.id, ago(0), SentVia.EMAIL).value.sent_via == SentVia.EMAIL


# ---- the status flow -----------------------------------------------------------------------------


def test_the_status_flow_records_dates_amendments_and_audit_rows(store: RecordStore, case: Case) -> None:
    referral = _complete(store, mash.start_enquiry(store, case.child.id).value)
    with pytest.raises(ReferralStepNotAllowed, match="not been sent yet"):
        mash.record_outcome(store, referral.id, ReferralOutcome.EARLY_HELP, ago(0))
    with pytest.raises(InvalidRecord, match="cannot be in the future"):
        mash.mark_sent(store, referral.id, ago(-1), **SENT)
    mash.autosave_enquiry(store, referral.id, {"hoped_for": "A strategy discussion today, please."})
    sent = mash.mark_sent(store, referral.id, ago(1), **SENT).value
    assert sent.status == ReferralStatus.SENT and sent.sent_on == ago(1) and sent.reference == "FX-MASH-0042"
    assert sent.form["hoped_for"] == "A strategy discussion today, please."
    awaiting = today(store, ago(0))["referrals_awaiting"]
    assert [i.record_id for i in awaiting] == [str(referral.id)]
    with pytest.raises(ReferralStepNotAllowed, match="already marked as sent"):
        mash.mark_sent(store, referral.id, ago(0), **SENT)
    with pytest.raises(InvalidRecord, match="cannot be before it was sent"):
        mash.mark_acknowledged(store, referral.id, ago(2))
    acknowledged = mash.mark_acknowledged(store, referral.id, ago(0), reference="FX-MASH-0042-A").value
    assert acknowledged.acknowledged_on == ago(0) and acknowledged.reference == "FX-MASH-0042-A"
    with pytest.raises(InvalidRecord, match="say in the notes"):
        mash.record_outcome(store, referral.id, ReferralOutcome.OTHER, ago(0))
    outcome = mash.record_outcome(
        store, referral.id, ReferralOutcome.STRATEGY_S47, ago(0), "Strategy discussion at 15:00; s47 enquiries."
    ).value
    assert outcome.status == ReferralStatus.OUTCOME and outcome.outcome_on == ago(0)
    with pytest.raises(ReferralStepNotAllowed, match="already has an outcome"):
        mash.record_outcome(store, referral.id, ReferralOutcome.EARLY_HELP, ago(0))
    reasons = [a.reason for a in store.amendments(referral.id)]
    day = ago(1).strftime("%d/%m/%Y")
    assert reasons == [
        "Draft updated",
        "Draft updated",
        f"Sent to the MASH on {day} by online form (reference FX-MASH-0042).",
        f"Acknowledged by the MASH on {ago(0):%d/%m/%Y} (reference FX-MASH-0042-A).",
        f"Outcome recorded: Strategy discussion / s47 on {ago(0):%d/%m/%Y}.",
    ]
    assert len(_audit_rows(store, str(referral.id), "amend")) == len(reasons)
    assert today(store, ago(0))["referrals_awaiting"] == []
    rows = [r for r in build_chronology(store, case.child.id).rows if r.record_id == str(referral.id)]
    assert [r.when for r in rows] == [day, f"{ago(0):%d/%m/%Y}"]
    assert "Strategy discussion / s47" in rows[1].event


def test_disagreeing_with_the_outcome_starts_an_escalation(store: RecordStore, case: Case) -> None:
    referral = _complete(store, mash.start_enquiry(store, case.child.id).value)
    mash.mark_sent(store, referral.id, ago(2), **SENT)
    with pytest.raises(ReferralStepNotAllowed, match="Record the MASH's decision first"):
        mash.disagree_with_outcome(store, referral.id, summary="We disagree")
    mash.record_outcome(store, referral.id, ReferralOutcome.NO_FURTHER_ACTION, ago(1), "Closed at the front door.")
    result = mash.disagree_with_outcome(
        store, referral.id, summary="A disclosure of violence with injury meets the threshold for assessment."
    )
    escalation, changes = result.value, result.changes
    assert changes.touches("escalation")
    saved = store.get_as(Escalation, escalation.id)
    assert saved.referral_id == str(referral.id) and saved.stage == 1 and saved.raised_on == ago(0)
    assert saved.with_whom and saved.respond_by is not None and saved.respond_by > saved.raised_on
    assert _audit_rows(store, str(escalation.id), "create") == ["escalation"]


# ---- the PDF -------------------------------------------------------------------------------------


def test_the_pdf_has_every_heading_label_and_filled_answer(store: RecordStore, case: Case, tmp_path: Path) -> None:
    referral = _complete(store, mash.start_enquiry(store, case.child.id).value)
    out = tmp_path / "enquiry.pdf"
    result = export_mash_pdf(store, referral.id, out)
    assert result.pages >= 2 and not result.encrypted and out.read_bytes().startswith(b"%PDF")
    pages = pages_text(out.read_bytes())
    text = flat(" ".join(pages))
    for number, section in enumerate(FORM.sections, start=1):
        assert f"{number} {section.heading}" in text, section.heading
        for spec in section.fields:
            assert flat(spec.label) in text, spec.label
            value = mash.field_value(referral, spec.key)
            for line in value.splitlines():
                if line.strip():
                    assert present(text, line), (spec.key, line[:50])
    assert "Not told" in text  # the consent case, in its own words
    for part in ("Referrer's declaration", "Name", "Role", "Signature", "Date", "Ms Ada Testperson"):
        assert part in text
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        assert page.count("OFFICIAL-SENSITIVE") == 2
        assert "Łucja Wiśniewska (known as Lucy)" in page
        assert f"Date of birth: {case.child.dob:%d/%m/%Y}" in page
        assert f"Page {number} of {total}" in page
        assert "DRAFT" not in page
    flat_titles = _outline_titles(PdfReader(out).outline)
    for number, section in enumerate(FORM.sections, start=1):
        assert f"{number}. {section.heading}" in flat_titles
    audit = _audit_rows(store, str(case.child.id), "export")
    assert len(audit) == 1 and "MASH enquiry PDF" in audit[0] and "not password-protected" in audit[0]


def _outline_titles(outline: list[object]) -> list[str]:
    out: list[str] = []
    for item in outline:
        if isinstance(item, list):
            out.extend(_outline_titles(item))
        else:
            out.append(str(item.title))  # type: ignore[attr-defined]
    return out


def test_empty_answers_say_not_provided(store: RecordStore, case: Case, tmp_path: Path) -> None:
    mash.start_enquiry(store, case.child.id)
    out = tmp_path / "draft.pdf"
    export_mash_pdf(store, case.child.id, out)  # a child's id: their latest enquiry
    text = flat(" ".join(pages_text(out.read_bytes())))
    after_heading = text.split("1 Type of request", 1)[1]
    assert after_heading.split("2 Consent")[0].count("Not provided") == 2
    assert "What is missing" in text or "what is missing" in text


def test_draft_is_marked_on_every_page_only_while_incomplete(store: RecordStore, case: Case, tmp_path: Path) -> None:
    referral = mash.start_enquiry(store, case.child.id).value
    incomplete = tmp_path / "incomplete.pdf"
    export_mash_pdf(store, referral.id, incomplete)
    pages = pages_text(incomplete.read_bytes())
    assert len(pages) >= 2 and all("DRAFT" in page for page in pages)
    assert "This enquiry is incomplete and has not been sent" in flat(pages[0])
    assert "Give a phone number the MASH can reach you on today." in flat(pages[0])
    _complete(store, referral)
    complete = tmp_path / "complete.pdf"
    export_mash_pdf(store, referral.id, complete)
    assert not any("DRAFT" in page for page in pages_text(complete.read_bytes()))
    # A sent enquiry missing a required answer (one the file cannot give) is marked DRAFT on every page too:
    # an incomplete form must never pass for a complete one, whatever its status.
    mash.update_enquiry(store, referral.id, {"hoped_for": ""})
    mash.mark_sent(store, referral.id, ago(0), **SENT)
    sent = tmp_path / "sent.pdf"
    export_mash_pdf(store, referral.id, sent)
    sent_pages = pages_text(sent.read_bytes())
    assert all("DRAFT" in page for page in sent_pages)
    assert "Ref. FX-MASH-0042" in sent_pages[0]
    assert "This enquiry was sent incomplete" in flat(sent_pages[0])
    mash.update_enquiry(store, referral.id, {"hoped_for": COMPLETION["hoped_for"]}, reason="Completed the record.")
    export_mash_pdf(store, referral.id, sent)
    assert not any("DRAFT" in page for page in pages_text(sent.read_bytes()))


def test_password_protection_and_short_passwords(store: RecordStore, case: Case, tmp_path: Path) -> None:
    referral = mash.start_enquiry(store, case.child.id).value
    out = tmp_path / "protected.pdf"
    result = export_mash_pdf(store, referral.id, out, password=PASSWORD)
    assert result.encrypted
    reader = PdfReader(out)
    assert reader.is_encrypted and reader.decrypt("wrong password") == 0
    assert "Łucja Wiśniewska" in pages_text(out.read_bytes(), PASSWORD)[0]
    assert b"Wi\xc5\x9bniewska" not in out.read_bytes()
    with pytest.raises(WeakPdfPassword):
        export_mash_pdf(store, referral.id, tmp_path / "weak.pdf", password="short")
    assert not (tmp_path / "weak.pdf").exists()
    assert "password-protected" in _audit_rows(store, str(case.child.id), "export")[0]


def test_arabic_and_other_scripts_survive(store: RecordStore, tmp_path: Path) -> None:
    child = add_child(store, legal_forename="Олена", legal_surname="Коваленко", dob=ago(3000)).value
    referral = mash.start_enquiry(store, child.id).value
    mash.update_enquiry(store, referral.id, {"child_words": "Nguyễn Thị Hương said: “Mẹ ốm”.", "hoped_for": "دعم"})
    out = tmp_path / "scripts.pdf"
    export_mash_pdf(store, referral.id, out)
    text = flat(" ".join(pages_text(out.read_bytes())))
    assert "Олена Коваленко" in text and "Nguyễn Thị Hương" in text


# ---- the command line ----------------------------------------------------------------------------


def test_cli_exports_the_enquiry(
    capsys: pytest.CaptureFixture[str], cli_env: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault_dir = tmp_path / "vault"
    assert (
        _run(capsys, "init", "--vault", str(vault_dir), "--name", "Ms Ada Testperson", "--school", "Fictional")[0] == 0
    )
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        store = RecordStore(vault)
        child = make_case(store).child
        no_enquiry = make_case(store, forename="Olena", surname="Testchild").child
        mash.start_enquiry(store, child.id)
    out = tmp_path / "enquiry.pdf"
    code, stdout, err = _run(capsys, "export", "mash", "--vault", str(vault_dir), "--child", str(child.id)[:8],
                             "--out", str(out))  # fmt: skip
    assert code == 0, err
    assert "not password protected" in stdout
    assert "Łucja Wiśniewska" in pages_text(out.read_bytes())[0]
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    protected = tmp_path / "protected.pdf"
    code, stdout, err = _run(capsys, "export", "mash", "--vault", str(vault_dir), "--child", str(child.id),
                             "--out", str(protected), "--pdf-password-stdin")  # fmt: skip
    assert code == 0, err
    assert PdfReader(protected).is_encrypted
    code, _, err = _run(capsys, "export", "mash", "--vault", str(vault_dir), "--child", str(no_enquiry.id),
                        "--out", str(tmp_path / "none.pdf"))  # fmt: skip
    assert code == 1 and "No MASH enquiry has been started for this child" in err and err.count("\n") == 1
    assert "Traceback" not in err

"""The referral pack, exported from a real vault and read back with pypdf.

An outline entry per part, pointing at the right page; the cover's contents agreeing with it; the
marking, child header and "Page X of Y" (over the whole pack) on every page; the chronology's entries,
the current Early Help plan and its latest reviews, the threshold decision and key contacts; landscape
chronology pages inside a portrait pack; nothing about any other child (checked on the demo caseload);
AES-256, cancel, and the CLI. Every name and event is fictional.
"""

from __future__ import annotations

import io
import re
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from mash_cases import COMPLETION, SENT, Case, ago, flat, make_case, pages_text, present
from pypdf import PdfReader
from support import PASSPHRASE
from support import run_cli as _run

from dslapp.demo import build_demo
from dslapp.errors import ExportCancelled, WeakPdfPassword
from dslapp.export.pack_pdf import PART_TITLES
from dslapp.export.text import shape, visual
from dslapp.models import Child, ReferralOutcome
from dslapp.services import mash
from dslapp.services.children import add_child, list_children
from dslapp.services.chronology import build_chronology
from dslapp.services.documents import export_referral_pack
from dslapp.store import RecordStore
from dslapp.vault.vault import Vault

PASSWORD = "fictional PDF password 42"
PARTS = list(PART_TITLES.values())


@pytest.fixture
def case(store: RecordStore) -> Case:
    made = make_case(store)
    referral = mash.start_enquiry(store, made.child.id).value
    mash.update_enquiry(store, referral.id, COMPLETION)
    mash.mark_sent(store, referral.id, ago(1), **SENT)
    mash.record_outcome(store, referral.id, ReferralOutcome.STRATEGY_S47, ago(0), "Strategy discussion at 15:00.")
    return made


def _outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(level, title, page number) of every outline entry, in order."""
    out: list[tuple[int, str, int]] = []

    def walk(items: list[object], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                out.append((level, str(item.title), reader.get_destination_page_number(item) + 1))  # type: ignore[attr-defined,arg-type]

    walk(reader.outline, 0)
    return out


def _export(store: RecordStore, child_id: object, tmp_path: Path, name: str = "pack.pdf") -> tuple[Path, list[str]]:
    out = tmp_path / name
    export_referral_pack(store, str(child_id), out)
    return out, pages_text(out.read_bytes())


def test_the_pack_has_an_outline_entry_per_part_and_the_same_furniture_throughout(
    store: RecordStore, case: Case, tmp_path: Path
) -> None:
    out, pages = _export(store, case.child.id, tmp_path)
    reader = PdfReader(out)
    outline = _outline(reader)
    top = [(title, page) for level, title, page in outline if level == 0]
    assert [title for title, _ in top] == PARTS
    starts = [page for _, page in top]
    assert starts[0] == 1 and starts == sorted(starts) and len(set(starts)) == len(starts)
    # The enquiry's sections are nested under it.
    nested = [title for level, title, _ in outline if level == 1]
    assert "1. Type of request" in nested and "16. What the referrer hopes will happen" in nested
    # The cover's contents give the same page numbers.
    cover = flat(pages[0])
    for title, page in top[1:]:
        assert re.search(rf"{re.escape(title)}.*?page {page}\b", cover), title
    # Each part's pages carry its title; all pages the marking, child, date of birth and numbering.
    total = len(pages)
    part_of_page = {}
    for index, (title, start) in enumerate(top):
        end = top[index + 1][1] if index + 1 < len(top) else total + 1
        for page in range(start, end):
            part_of_page[page] = title
    for number, text in enumerate(pages, start=1):
        assert text.count("OFFICIAL-SENSITIVE") == (3 if number == 1 else 2), number  # the cover's handling note
        assert "Łucja Wiśniewska (known as Lucy)" in text
        assert f"Date of birth: {case.child.dob:%d/%m/%Y}" in text
        assert f"Page {number} of {total}" in text
        assert f"Referral pack · {part_of_page[number]}" in text
    # The chronology is landscape inside a portrait pack.
    for number, page in enumerate(reader.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        if part_of_page[number] == PART_TITLES["chronology"]:
            assert width > height
        else:
            assert height > width
    assert reader.page_mode == "/UseOutlines"


def test_the_pack_contains_every_part(store: RecordStore, case: Case, tmp_path: Path) -> None:
    _out, pages = _export(store, case.child.id, tmp_path)
    text = flat(" ".join(pages))
    # The enquiry, as sent.
    assert "Sent " in text and "Ref. FX-MASH-0042" in text and COMPLETION["hoped_for"] in text
    assert "DRAFT" not in text
    # Every chronology entry.
    chronology = build_chronology(store, case.child.id)
    assert len(chronology.rows) >= 6
    for row in chronology.rows:
        for cell in (row.event, row.action, row.impact):
            if cell:
                assert present(text, cell), cell[:60]
    assert f"End of chronology: {len(chronology.rows)} entries." in text
    # The current Early Help plan and its latest review.
    for part in (case.plan.worries, case.plan.working_well, case.review.life_improved, case.review.child_voice):
        assert present(text, part), part
    assert "Arrives on time and ready to learn" in text and "6/10" in text and "Attendance 93%" in text
    # The threshold decision and its reasoning.
    assert "Level 4: Specialist / statutory" in text and present(text, case.threshold.reasoning)
    assert "Violence by father towards mother" in text
    # Key contacts.
    for part in ("Anna Testmother", "07700 900123", "Sam Fictionworker", "01234 567890", "01234 000111"):
        assert part in text
    audit = store.db.execute(
        "SELECT detail FROM audit WHERE action = 'export' AND object = ?", (str(case.child.id),)
    ).fetchall()
    assert len(audit) == 1 and "referral pack PDF" in audit[0][0]


def test_a_pack_with_an_incomplete_draft_marks_only_the_enquiry(store: RecordStore, tmp_path: Path) -> None:
    made = make_case(store)
    mash.start_enquiry(store, made.child.id)
    out, pages = _export(store, made.child.id, tmp_path)
    top = [(t, p) for level, t, p in _outline(PdfReader(out)) if level == 0]
    enquiry = range(top[1][1], top[2][1])
    for number, text in enumerate(pages[1:], start=2):
        assert ("DRAFT" in text) == (number in enquiry), number
    assert "DRAFT: incomplete, not sent" in flat(pages[0])  # the cover's contents say so


def test_a_pack_for_a_child_with_little_recorded_still_reads_well(store: RecordStore, tmp_path: Path) -> None:
    child = add_child(store, legal_forename="Amira", legal_surname="Testchild", dob=date(2017, 2, 3)).value
    _out, pages = _export(store, child.id, tmp_path)
    text = flat(" ".join(pages))
    for message in (
        "No MASH enquiry has been recorded for this child.",
        "No significant events are recorded for this period.",
        "No Early Help plan is recorded for this child.",
        "No threshold (Levels of Need) decision is recorded for this child.",
        "No household members or significant adults are recorded.",
    ):
        assert message in text


def _forms(name: str) -> set[str]:
    """A name as typed and as a PDF may give it back (Arabic shaped, in logical or visual order)."""
    return {flat(name), flat(shape(name)), flat(visual(name))}


def test_a_pack_for_one_child_names_no_other_child(store: RecordStore, tmp_path: Path) -> None:
    build_demo(store, children=40, seed=2026)
    children = list_children(store)
    assert len(children) >= 30
    names = {
        c.id: {f"{c.legal_forename} {c.legal_surname}", f"{c.display_name}"} for c in children
    }  # full names: forenames alone are shared by unrelated people (a sibling, a parent, a teacher)
    seconds: dict[str, float] = {}
    for child in children:
        started = time.perf_counter()
        _out, pages = _export(store, child.id, tmp_path, f"{child.id}.pdf")
        seconds[child.id] = time.perf_counter() - started
        text = flat(" ".join(pages))
        assert any(form in text for form in _forms(child.legal_surname))
        for other, other_names in names.items():
            if other != child.id:
                for name in other_names:
                    for form in _forms(name):
                        assert form not in text, f"{name} in the pack of {child.display_name}"
    heaviest = max(children, key=lambda c: store.db.scalar("SELECT count(*) FROM records WHERE child_id = ?", (c.id,)))
    print(f"\nreferral pack for the heaviest demo child: {seconds[heaviest.id]:.3f} s")
    assert seconds[heaviest.id] < 5


def test_password_progress_and_cancel(store: RecordStore, case: Case, tmp_path: Path) -> None:
    out = tmp_path / "protected.pdf"
    calls: list[tuple[int, int]] = []
    result = export_referral_pack(
        store, case.child.id, out, password=PASSWORD, progress=lambda d, t: calls.append((d, t)) is None
    )
    assert result.encrypted and PdfReader(out).is_encrypted
    assert "Referral pack" in pages_text(out.read_bytes(), PASSWORD)[0]
    assert b"Wi\xc5\x9bniewska" not in out.read_bytes()
    assert calls[0][0] == 0 and calls[-1][0] == calls[-1][1] and len(calls) >= 3
    with pytest.raises(WeakPdfPassword):
        export_referral_pack(store, case.child.id, tmp_path / "weak.pdf", password="1234")
    exports = store.db.scalar("SELECT count(*) FROM audit WHERE action = 'export'")
    with pytest.raises(ExportCancelled):
        export_referral_pack(store, case.child.id, tmp_path / "cancelled.pdf", progress=lambda d, t: d < 2)
    assert not (tmp_path / "cancelled.pdf").exists() and not (tmp_path / "weak.pdf").exists()
    assert store.db.scalar("SELECT count(*) FROM audit WHERE action = 'export'") == exports


def test_another_childs_enquiry_cannot_go_in_the_pack(store: RecordStore, case: Case, tmp_path: Path) -> None:
    other = make_case(store, forename="Olena", surname="Testchild")
    referral = mash.start_enquiry(store, other.child.id).value
    with pytest.raises(Exception, match="belongs to a different child"):
        export_referral_pack(store, case.child.id, tmp_path / "x.pdf", referral_id=referral.id)


def test_cli_exports_the_pack(
    capsys: pytest.CaptureFixture[str], cli_env: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault_dir = tmp_path / "vault"
    code, _, err = _run(capsys, "init", "--vault", str(vault_dir), "--name", "Ms Ada Testperson")
    assert code == 0, err
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        store = RecordStore(vault)
        child: Child = make_case(store).child
        mash.start_enquiry(store, child.id)
    out = tmp_path / "pack.pdf"
    code, stdout, err = _run(
        capsys, "export", "pack", "--vault", str(vault_dir), "--child", str(child.id)[:8], "--out", str(out)
    )
    assert code == 0, err
    assert "Exported to" in stdout and "not password protected" in stdout
    assert [t for level, t, _ in _outline(PdfReader(out)) if level == 0] == PARTS
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    protected = tmp_path / "protected.pdf"
    code, _, err = _run(
        capsys, "export", "pack", "--vault", str(vault_dir), "--child", str(child.id), "--out", str(protected),
        "--pdf-password-stdin",
    )  # fmt: skip
    assert code == 0, err
    assert PdfReader(protected).is_encrypted
    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    code, _, err = _run(
        capsys, "export", "pack", "--vault", str(vault_dir), "--child", str(child.id), "--out", str(tmp_path / "w.pdf"),
        "--pdf-password-stdin",
    )  # fmt: skip
    assert code == 1 and "at least 8 characters" in err and err.count("\n") == 1

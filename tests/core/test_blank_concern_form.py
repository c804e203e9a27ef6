"""The blank concern form for staff (paper in, paper out): the school's name, the fields of a record of
concern, the body map outlines, the DSL and deputies and how to reach them; no case data; audited."""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from support import run_cli

from dslapp.models import Category, Concern
from dslapp.services import recording
from dslapp.services.children import add_child
from dslapp.services.documents import export_blank_concern_form
from dslapp.store import RecordStore
from dslapp.vault.vault import Vault

PASSPHRASE = "fictional deputy passphrase 1"


def _text(data: bytes) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages)


def _curves(data: bytes) -> int:
    count = 0
    for page in PdfReader(io.BytesIO(data)).pages:
        content = page.get_contents()
        raw = content.get_data().decode("latin-1") if content is not None else ""
        count += len(re.findall(r"(?:-?[\d.]+\s+){6}c(?=\s)", raw))
    return count


def test_the_form_names_the_school_and_the_leads_has_every_field_and_the_body_map(
    store: RecordStore, vault: Vault, tmp_path: Path
) -> None:
    vault.add_user("Mr Deputy Fictional", "Deputy DSL", PASSPHRASE)
    child = add_child(store, legal_forename="Sorrel", legal_surname="Notrealname", dob=date(2015, 1, 2)).value
    recording.record(
        store,
        Concern,
        child_id=child.id,
        observed_at=datetime(2026, 9, 1, 10, 0),
        reporter_name="Mrs Example",
        categories=[Category.NEGLECT],
        what_happened="A detail that must never be on a blank form.",
    )
    out = tmp_path / "form.pdf"
    result = export_blank_concern_form(store, out)
    data = out.read_bytes()
    text = _text(data)
    assert result.pages == len(PdfReader(io.BytesIO(data)).pages) == 2
    assert not result.encrypted
    assert vault.school in text
    assert vault.user.name in text and "Mr Deputy Fictional" in text
    assert "Deputy Designated Safeguarding Lead" in text
    for field in (
        "What was seen or heard",
        "The child's exact words",
        "Action taken",
        "Who was told",
        "Date it was seen or heard",
        "Place",
        "Your name",
        "Body map",
        "The child's explanation, in their own words",
        "call 999",
    ):
        assert field in text, field
    assert "Front Door" in text  # the local contacts in force
    assert _curves(data) >= 2 * (64 + 4)  # both outlines, as vector paths
    assert "Sorrel" not in text and "never be on a blank form" not in text
    audit = store.db.execute("SELECT action, object, detail FROM audit WHERE action = 'export'").fetchall()
    assert [(a, o) for a, o, _ in audit] == [("export", "blank-concern-form")]
    assert "no case data" in audit[0][2]


def test_the_command_line_writes_the_form(
    capsys: pytest.CaptureFixture[str], cli_env: None, vault_dir: Path, tmp_path: Path
) -> None:
    code, _, err = run_cli(
        capsys, "init", "--vault", str(vault_dir), "--name", "Ms Ada Testperson", "--school", "Fictional Primary"
    )
    assert code == 0, err
    out = tmp_path / "blank.pdf"
    code, printed, err = run_cli(capsys, "export", "blank-concern-form", "--vault", str(vault_dir), "--out", str(out))
    assert code == 0, err
    assert "2 pages" in printed
    text = _text(out.read_bytes())
    assert "Fictional Primary" in text and "Ms Ada Testperson" in text
    code, _, err = run_cli(
        capsys, "export", "blank-concern-form", "--vault", str(vault_dir), "--out", str(out), "--child", "abc"
    )
    assert code == 2 and "no case data" in err

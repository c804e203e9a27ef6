"""``dslapp retention``: the review list and an explicit, audited disposal decision."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from support import PASSPHRASE
from support import run_cli as run

from dslapp.services.children import add_child
from dslapp.services.retention import set_retention
from dslapp.store import RecordStore
from dslapp.vault import audit
from dslapp.vault.vault import Vault


def test_list_then_dispose(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, fast_kdf: object, vault_dir: Path
) -> None:
    monkeypatch.setenv("DSLAPP_PASSPHRASE", PASSPHRASE)
    run(capsys, "init", "--vault", str(vault_dir), "--name", "Ms Ada Testperson")
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        store = RecordStore(vault)
        past = add_child(store, legal_forename="Older", legal_surname="Testchild", dob=date(2014, 5, 1)).value
        set_retention(store, past.id, date(2024, 5, 1), "Retention reviewed by the DSL")
        add_child(store, legal_forename="Younger", legal_surname="Testchild", dob=date(2016, 5, 1))
    code, out, _ = run(capsys, "retention", "list", "--vault", str(vault_dir), "--on", "18/11/2026", "--json")
    assert code == 0 and [i["child_id"] for i in json.loads(out)] == [str(past.id)]
    code, _, err = run(
        capsys, "retention", "dispose", "--vault", str(vault_dir), "--child", str(past.id), "--reason", " "
    )
    assert code == 1 and "reason" in err
    code, out, err = run(
        capsys, "retention", "dispose", "--vault", str(vault_dir), "--child", str(past.id)[:8],
        "--reason", "Past retention; no inquiry hold",
    )  # fmt: skip
    assert code == 0, err
    code, out, _ = run(capsys, "children", "--vault", str(vault_dir), "--json")
    assert [c["legal_forename"] for c in json.loads(out)] == ["Younger"]
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        assert audit.verify(vault.db).ok

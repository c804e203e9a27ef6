"""Issue 3's "done when": the real CLI builds a demo vault (real Argon2 calibration), lists its children,
and no child's name appears in any file under the vault folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PASSPHRASE = "a fictional demo passphrase"


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dslapp", *args], capture_output=True, text=True, env=env, timeout=300)


def test_demo_vault_lists_children_and_leaks_no_names(tmp_path: Path) -> None:
    env = {**os.environ, "DSLAPP_PASSPHRASE": PASSPHRASE, "DSLAPP_HOME": str(tmp_path / "home")}
    vault = tmp_path / "vault"
    made = _cli("demo", "--vault", str(vault), env=env)
    assert made.returncode == 0, made.stderr
    listed = _cli("children", "--vault", str(vault), "--json", env=env)
    assert listed.returncode == 0, listed.stderr
    children = json.loads(listed.stdout)
    assert len(children) >= 30
    statuses = {c["status"] for c in children}
    assert {"universal", "early_help", "cin", "cp", "cla", "closed", "transferred"} <= statuses
    names = {n for c in children for n in (c["legal_forename"], c["legal_surname"], c["known_as"]) if len(n) >= 4}
    assert any(not n.isascii() for n in names)  # non-Latin and accented names are in the scan
    files = [p for p in vault.rglob("*") if p.is_file()]
    assert files
    leaks = []
    for path in files:
        data = path.read_bytes()
        for name in names:
            for encoded in (name.encode("utf-8"), name.encode("utf-16-le")):
                if encoded in data:
                    leaks.append(f"{name} in {path.name}")
    assert leaks == []
    assert not any(name in p.name for p in files for name in names)
    verify = _cli("audit", "verify", "--vault", str(vault), env=env)
    assert verify.returncode == 0, verify.stderr

"""Files written for the user (bundles, PDFs, packs, covering letters) and the app's own private files (settings,
vault.keys) go through one atomic writer: a temporary file with a random name, created exclusively and never
through a link, made 0600 before anything is written, then renamed over the target.

Temporary names are random, so a link cannot be planted at "the" temporary name; the tests plant one at the
name the old writer used (``.NAME.tmp``), at the target itself, and leave loose files where they were.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from dslapp import config
from dslapp.config import Settings
from dslapp.errors import CannotWriteFile
from dslapp.files import atomic_private_write, write_private_file
from dslapp.models import Category, Concern
from dslapp.services import recording
from dslapp.services.bundle import export_bundle, write_user_file
from dslapp.services.children import add_child
from dslapp.services.documents import export_chronology_pdf
from dslapp.store import RecordStore
from dslapp.vault import keys
from dslapp.vault.vault import KEYS_NAME, Vault

pytestmark = pytest.mark.skipif(os.name != "posix", reason="symbolic links and file modes as POSIX has them")

VICTIM_TEXT = b"a file someone else's link points at: it must not change\n"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    path = elsewhere / "victim.txt"
    path.write_bytes(VICTIM_TEXT)
    path.chmod(0o644)
    return path


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """A umask that would leave new files readable by everyone (or, below, unwritable): the writer must not care."""
    old = os.umask(0o000)
    yield
    os.umask(old)


def _assert_private_regular_file(path: Path, data: bytes) -> None:
    assert path.is_file() and not path.is_symlink()
    assert _mode(path) == 0o600, oct(_mode(path))
    assert path.read_bytes() == data


def _no_temporaries_left(folder: Path, *expected: str) -> None:
    assert sorted(p.name for p in folder.iterdir()) == sorted(expected)


# ---- the writer itself ---------------------------------------------------------------------------------


def test_a_link_at_the_old_temporary_name_is_not_followed(tmp_path: Path, victim: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "bundle.json"
    planted = folder / ".bundle.json.tmp"  # the name the old writer opened (without O_EXCL, following links)
    planted.symlink_to(victim)
    write_private_file(target, b"case data")
    assert victim.read_bytes() == VICTIM_TEXT and _mode(victim) == 0o644
    assert planted.is_symlink()  # left as it was: not ours to touch
    _assert_private_regular_file(target, b"case data")
    _no_temporaries_left(folder, "bundle.json", ".bundle.json.tmp")


def test_a_link_at_the_target_is_replaced_not_written_through(tmp_path: Path, victim: Path) -> None:
    target = tmp_path / "chronology.pdf"
    target.symlink_to(victim)
    write_private_file(target, b"%PDF case data")
    assert victim.read_bytes() == VICTIM_TEXT
    _assert_private_regular_file(target, b"%PDF case data")


def test_a_dangling_link_at_the_target_is_replaced(tmp_path: Path) -> None:
    target = tmp_path / "pack.dsltransfer"
    target.symlink_to(tmp_path / "nowhere" / "planted")
    write_private_file(target, b"sealed")
    _assert_private_regular_file(target, b"sealed")
    assert not (tmp_path / "nowhere").exists()


def test_an_old_loose_target_or_leftover_temporary_ends_private(tmp_path: Path, loose_umask: None) -> None:
    target = tmp_path / "settings.json"
    target.write_bytes(b"old")
    target.chmod(0o644)
    leftover = tmp_path / ".settings.json.tmp"  # a loose leftover the old writer would have reused as it was
    leftover.write_bytes(b"")
    leftover.chmod(0o666)
    write_private_file(target, b"new")
    _assert_private_regular_file(target, b"new")
    fresh = tmp_path / "fresh.json"
    write_private_file(fresh, b"made under umask 000")
    _assert_private_regular_file(fresh, b"made under umask 000")


def test_a_tight_umask_still_gives_a_file_its_owner_can_read_and_write(tmp_path: Path) -> None:
    old = os.umask(0o277)
    try:
        write_private_file(tmp_path / "vault.keys", b"{}")
    finally:
        os.umask(old)
    _assert_private_regular_file(tmp_path / "vault.keys", b"{}")


def test_the_temporary_file_is_private_before_anything_is_written(tmp_path: Path, loose_umask: None) -> None:
    target = tmp_path / "letter.pdf"
    with atomic_private_write(target) as handle:
        assert stat.S_IMODE(os.fstat(handle.fileno()).st_mode) == 0o600
        (temporary,) = tmp_path.iterdir()  # nothing at the target until it is complete
        assert temporary.name.startswith(".") and temporary.name != ".letter.pdf.tmp"  # random, hidden
        assert _mode(temporary) == 0o600 and not temporary.is_symlink()
        handle.write(b"part one, ")
        handle.write(b"part two")
    _assert_private_regular_file(target, b"part one, part two")
    _no_temporaries_left(tmp_path, "letter.pdf")


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "bundle.json"
    write_private_file(target, b"the good copy")
    with pytest.raises(RuntimeError, match="stopped half way"), atomic_private_write(target) as handle:
        handle.write(b"half a new")
        raise RuntimeError("stopped half way")
    _assert_private_regular_file(target, b"the good copy")
    _no_temporaries_left(tmp_path, "bundle.json")


def test_the_writer_imports_nothing_above_it() -> None:
    """dslapp.files is used by dslapp.vault, so it may import only the standard library."""
    script = "import sys, dslapp.files; print(sorted(m for m in sys.modules if m.startswith('dslapp')))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == str(["dslapp", "dslapp.files"])


# ---- every caller goes through it -------------------------------------------------------------------------


def _child_with_a_concern(store: RecordStore) -> str:
    child = add_child(store, legal_forename="Fictional", legal_surname="Testchild", dob=date(2015, 3, 1)).value
    recording.record(
        store,
        Concern,
        child_id=child.id,
        observed_at=datetime(2026, 6, 1, 13, 5),
        reporter_name="Mrs D. Example",
        categories=[Category.EMOTIONAL],
        what_happened="Cried in class after lunch.",
        significant=True,
    )
    return str(child.id)


def test_a_bundle_and_a_pdf_export_go_through_links_to_nowhere(
    store: RecordStore, tmp_path: Path, victim: Path
) -> None:
    child_id = _child_with_a_concern(store)
    out = tmp_path / "out"
    out.mkdir()
    bundle, pdf = out / "case.json", out / "chronology.pdf"
    (out / ".case.json.tmp").symlink_to(victim)
    bundle.symlink_to(victim)
    export_bundle(store, child_id, bundle)
    (out / ".chronology.pdf.tmp").symlink_to(victim)
    pdf.write_bytes(b"an old copy")
    pdf.chmod(0o644)
    export_chronology_pdf(store, child_id, pdf)
    assert victim.read_bytes() == VICTIM_TEXT
    assert not bundle.is_symlink() and _mode(bundle) == 0o600
    assert json.loads(bundle.read_bytes())["child"]["legal_forename"] == "Fictional"
    assert _mode(pdf) == 0o600 and pdf.read_bytes().startswith(b"%PDF")


def test_settings_and_the_key_file_go_through_it(vault: Vault, tmp_path: Path, victim: Path) -> None:
    folder = config.ensure_private_dir(config.config_dir())
    (folder / ".settings.json.tmp").symlink_to(victim)
    Settings(idle_lock_minutes=7).save()
    assert victim.read_bytes() == VICTIM_TEXT
    assert Settings.load().idle_lock_minutes == 7 and _mode(folder / "settings.json") == 0o600
    keyfile = vault.directory / KEYS_NAME
    (vault.directory / f".{KEYS_NAME}.tmp").symlink_to(victim)
    keyfile.chmod(0o644)
    keys.save_keyfile(keyfile, keys.load_keyfile(keyfile))
    assert victim.read_bytes() == VICTIM_TEXT
    assert not keyfile.is_symlink() and _mode(keyfile) == 0o600
    assert config.write_private_file is write_private_file  # existing callers keep their import


def test_user_file_errors_stay_one_kind_line(tmp_path: Path) -> None:
    with pytest.raises(CannotWriteFile, match="is a folder") as caught:
        write_user_file(tmp_path, b"x")
    assert "\n" not in str(caught.value)
    with pytest.raises(CannotWriteFile, match="does not exist"):
        write_user_file(tmp_path / "missing" / "x.pdf", b"x")
    if os.geteuid() != 0:  # root may write anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        with pytest.raises(CannotWriteFile, match="not allowed to save"):
            write_user_file(locked / "x.pdf", b"x")
        assert list(locked.iterdir()) == []

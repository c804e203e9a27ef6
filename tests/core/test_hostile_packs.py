"""Hostile transfer packs and case bundles: compression bombs, huge or deeply nested JSON, oversized files.

Each hostile file is made with the real sealing code and a known passphrase, then opened the way the app
opens it, in a process of its own (``hostile_opener.py``). Its peak memory is read with
``getrusage(RUSAGE_CHILDREN).ru_maxrss`` by a small stdlib-only process that starts it: on Linux a child's
figure starts from its parent's peak at the moment it is started, so it is measured from a parent of about
10 MB rather than from this test worker. Every one must be refused with one plain line, within seconds,
using less than 300 MB at its peak.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from support import FAST_KDF, run_cli

from dslapp.demo import build_large
from dslapp.errors import CasebookError
from dslapp.models import Category, Child, Concern
from dslapp.services import recording
from dslapp.services import transfer as transfer_module
from dslapp.services.bundle import (
    MAX_BUNDLE_BYTES,
    MAX_BUNDLE_ITEMS,
    CaseBundle,
    build_bundle,
    parse_bundle,
    read_bundle_file,
)
from dslapp.services.children import add_child
from dslapp.services.transfer import (
    PACK_SUFFIX,
    PACK_VERSION,
    PackHeader,
    export_transfer,
    new_pack_header,
    open_pack_bytes,
    read_pack_header,
    seal_pack_json,
)
from dslapp.store import RecordStore
from dslapp.vault.keys import KdfParams

pytestmark = pytest.mark.skipif(os.name != "posix", reason="peak memory is read with getrusage (POSIX)")

OPENER = Path(__file__).with_name("hostile_opener.py")
ROOT = Path(__file__).resolve().parents[2]
PACK_PASSPHRASE = "ABCD-EFGH-JKLM-NPQR-STUV-WXYZ"
PEAK_LIMIT_MB = 300
TIME_LIMIT_S = 30  # generous for a shared two-core machine; the figures are printed with -s
BOMB_BYTES = 256 * 1024 * 1024
"""What a bomb inflates to: far past any cap, and enough to take gigabytes if parsed."""
MiB = 1024 * 1024
UNDER_CAP_BYTES = MAX_BUNDLE_BYTES - MiB
"""Just under the bundle cap: shapes that pass the size check and must still be parsed in bounded memory."""
JUST_UNDER_THE_ITEM_CAP = MAX_BUNDLE_ITEMS - 100
"""Items are counted as ``[``, ``{``, ``,`` and ``:``: one key and its value is two."""


MEASURE = """
import resource, subprocess, sys
try:
    code = subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, timeout=120).returncode
except subprocess.TimeoutExpired:
    code = "timed out"
sys.stdout.flush()
print(f"peak-kib {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss} exit {code}", flush=True)
"""


@dataclass(frozen=True)
class Opened:
    output: str
    peak_mb: float
    seconds: float
    exit: str
    stderr: str


def _open_in_own_process(*args: str) -> Opened:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, sys.executable, str(OPENER), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=180,
    )
    seconds = time.monotonic() - started
    *lines, last = done.stdout.splitlines()
    _, peak, _, exit_code = last.split(" ", 3)
    peak_mb = int(peak) / (MiB if sys.platform == "darwin" else 1024)  # bytes on macOS, KiB on Linux
    return Opened("".join(f"{line}\n" for line in lines), peak_mb, seconds, exit_code, done.stderr)


def _assert_refused_in_bounds(name: str, opened: Opened) -> str:
    print(f"\n{name}: peak {opened.peak_mb:.0f} MB, {opened.seconds:.1f} s, {opened.output.strip()!r}")
    assert opened.exit == "0", f"{name}: the opener failed ({opened.exit}): {opened.stderr[-2000:]}"
    may_open = name.startswith("valid-")  # well-formed records, as many as fit: opening is allowed, in bounds
    assert opened.output.startswith("refused: ") or (may_open and opened.output == "opened\n"), opened.output
    assert opened.output.count("\n") == 1, opened.output
    assert "unexpected" not in opened.output
    assert opened.peak_mb < PEAK_LIMIT_MB, f"{name} took {opened.peak_mb:.0f} MB"
    assert opened.seconds < TIME_LIMIT_S, f"{name} took {opened.seconds:.1f} s"
    return opened.output.removeprefix("refused: ").strip()


# ---- hostile contents, as chunks (a bomb is never held whole by the test) ---------------------------------


def _repeat(chunk: bytes, total: int) -> Iterator[bytes]:
    block = chunk * max(1, (1 * MiB) // len(chunk))
    for _ in range(total // len(block)):
        yield block


def _giant_string(total: int) -> Iterator[bytes]:
    yield b'{"format": "dsl-casebook/case-bundle", "version": 1, "school": "'
    yield from _repeat(b"a", total)
    yield b'"}'


def _giant_mixed_string(total: int) -> Iterator[bytes]:
    """One emoji makes Python store every character of the string in four bytes."""
    yield b'{"format": "dsl-casebook/case-bundle", "version": 1, "school": "\xf0\x9f\x98\x80'
    yield from _repeat(b"a", total)
    yield b'"}'


def _tiny_objects(total: int) -> Iterator[bytes]:
    yield b'{"format": "dsl-casebook/case-bundle", "version": 1, "concerns": ['
    yield from _repeat(b"{},", total)
    yield b"{}]}"


def _distinct_keys(count: int) -> Iterator[bytes]:
    """One object with ``count`` different keys: the most memory per item of any JSON shape tried."""
    yield b'{"format": "dsl-casebook/case-bundle", "version": 1, "amendments": {'
    for start in range(0, count, 100_000):
        yield b"".join(b'"key %d":0,' % i for i in range(start, min(count, start + 100_000)))
    yield b'"end":0}}'


def _keys_and_a_mixed_string(keys: int, total: int) -> Iterator[bytes]:
    """Both at once: as many different keys as the item cap allows, then a string with an emoji up to
    ``total`` bytes (every character of the whole text is then held in four bytes while it is parsed)."""
    written = 0
    for part in _distinct_keys(keys):
        if part.endswith(b"}}"):
            break
        written += len(part)
        yield part
    yield b'"school": "\xf0\x9f\x98\x80' + b"a" * (total - written - 100) + b'"}}'


def _tiny_arrays(count: int) -> Iterator[bytes]:
    yield b'{"format": "dsl-casebook/case-bundle", "version": 1, "concerns": ['
    yield b"[]," * count
    yield b"[]]}"


def _deep_arrays(depth: int = 100_000) -> Iterator[bytes]:
    yield b"[" * depth
    yield b"]" * depth


def _random_text_string(total: int) -> Iterator[bytes]:
    """Barely compressible: the pack is nearly as large as what it holds."""
    yield b'{"format": "dsl-casebook/case-bundle", "version": 1, "school": "\xf0\x9f\x98\x80'
    for _ in range(total // MiB):
        yield base64.b64encode(os.urandom(3 * MiB // 4))
    yield b'"}'


def _many_valid_concerns(total: int, items: int = JUST_UNDER_THE_ITEM_CAP) -> Iterator[bytes]:
    """A real bundle's header and child, then as many copies of one well-formed concern (each with its own id)
    as fit in ``total`` bytes and ``items`` items."""
    child = Child(legal_forename="Fictional", legal_surname="Testchild", dob=date(2015, 3, 1))
    bundle = CaseBundle(exported_at=datetime(2026, 11, 6, tzinfo=UTC), child=child).model_dump(mode="json")
    del bundle["concerns"]
    yield json.dumps(bundle).encode()[:-1] + b', "concerns": ['
    concern = Concern(
        child_id=child.id,
        observed_at=datetime(2026, 6, 1, 13, 5),
        reporter_name="Mrs D. Example",
        categories=[Category.EMOTIONAL],
        what_happened="Cried in class after lunch and said she had not had breakfast.",
        child_words="I hid under the bed.",
    ).model_dump(mode="json")
    one = b", " + json.dumps(concern).encode()
    per_concern = sum(one.count(mark) for mark in (b"[", b"{", b",", b":"))
    count = min((total - 4096) // len(one), (items - 1000) // per_concern)
    for start in range(0, count, 1000):
        batch = []
        for i in range(start, min(count, start + 1000)):
            concern["id"] = str(uuid.uuid4())
            batch.append((b", " if i else b"") + json.dumps(concern).encode())
        yield b"".join(batch)
    yield b"]}"


def _contents(bundle: Iterator[bytes], pack_id: uuid.UUID) -> Iterator[bytes]:
    """A transfer pack's contents (who sent it to whom) around a hostile bundle."""
    head = {
        "pack_id": str(pack_id),
        "from_school": "Fictional Sender Primary",
        "from_dsl": "Ms Ada Sender",
        "to_school": "Fictional High",
        "to_dsl": "",
        "sent_on": "2026-11-06",
        "sending_transfer_id": str(uuid.uuid4()),
    }
    yield json.dumps(head).encode()[:-1] + b', "bundle": '
    yield from bundle
    yield b"}"


def _seal(bundle: Iterator[bytes], *, kdf: KdfParams = FAST_KDF, **header: object) -> bytes:
    """A pack sealed by the app's own code, with the header a hostile sender chose (by default a version 1
    header, which declares no size)."""
    pack_id = uuid.uuid4()
    chosen = PackHeader.model_validate({**new_pack_header(pack_id, kdf).model_dump(), "version": 1, **header})
    data, _receipt = seal_pack_json(_contents(bundle, pack_id), chosen, PACK_PASSPHRASE)
    return data


PACK_SHAPES: dict[str, Callable[[], bytes]] = {
    "bomb-one-giant-string": lambda: _seal(_giant_string(BOMB_BYTES)),
    "bomb-giant-string-with-an-emoji": lambda: _seal(_giant_mixed_string(BOMB_BYTES)),
    "bomb-huge-array-of-tiny-objects": lambda: _seal(_tiny_objects(BOMB_BYTES)),
    "deeply-nested-arrays": lambda: _seal(_deep_arrays()),
    "under-the-cap-string-with-an-emoji": lambda: _seal(_giant_mixed_string(UNDER_CAP_BYTES)),
    "under-the-cap-barely-compressible": lambda: _seal(_random_text_string(UNDER_CAP_BYTES)),
    "under-the-cap-tiny-objects": lambda: _seal(_tiny_objects(UNDER_CAP_BYTES)),
    "just-under-the-item-cap-distinct-keys": lambda: _seal(_distinct_keys(JUST_UNDER_THE_ITEM_CAP // 2)),
    "under-both-caps-keys-and-a-string-with-an-emoji": lambda: _seal(
        _keys_and_a_mixed_string(JUST_UNDER_THE_ITEM_CAP // 2, UNDER_CAP_BYTES)
    ),
    "valid-concerns-up-to-the-cap": lambda: _seal(_many_valid_concerns(UNDER_CAP_BYTES)),
    "bomb-declaring-its-true-size": lambda: _seal(
        _giant_string(BOMB_BYTES), version=2, contents_bytes=BOMB_BYTES + 300
    ),
    "bomb-declaring-a-small-size": lambda: _seal(_tiny_objects(BOMB_BYTES), version=2, contents_bytes=1000),
    "bomb-declaring-an-absurd-size": lambda: _seal(_tiny_objects(BOMB_BYTES), version=2, contents_bytes=2**62),
    "bomb-with-the-costliest-key-derivation-allowed": lambda: _seal(
        _giant_string(BOMB_BYTES),
        kdf=KdfParams(
            time_cost=transfer_module._KDF_LIMITS["time_cost"],
            memory_cost=transfer_module._KDF_LIMITS["memory_cost"],
            parallelism=transfer_module._KDF_LIMITS["parallelism"],
        ),
    ),
}


@pytest.mark.parametrize("shape", list(PACK_SHAPES))
def test_a_hostile_transfer_pack_is_refused_in_one_line_within_bounded_memory(tmp_path: Path, shape: str) -> None:
    pack = tmp_path / f"hostile{PACK_SUFFIX}"
    pack.write_bytes(PACK_SHAPES[shape]())
    _assert_refused_in_bounds(shape, _open_in_own_process("pack", str(pack), PACK_PASSPHRASE))


def _write(path: Path, chunks: Iterator[bytes]) -> Path:
    with path.open("wb") as handle:
        for chunk in chunks:
            handle.write(chunk)
    return path


BUNDLE_SHAPES: dict[str, Callable[[Path], Path]] = {
    "a-file-larger-than-any-bundle": lambda p: _sparse(p, 4 * 1024 * MiB),
    "one-giant-string": lambda p: _write(p, _giant_string(64 * MiB)),
    "huge-array-of-tiny-objects": lambda p: _write(p, _tiny_objects(64 * MiB)),
    "deeply-nested-arrays": lambda p: _write(p, _deep_arrays()),
    "under-the-cap-string-with-an-emoji": lambda p: _write(p, _giant_mixed_string(UNDER_CAP_BYTES)),
    "under-the-cap-tiny-objects": lambda p: _write(p, _tiny_objects(UNDER_CAP_BYTES)),
    "just-under-the-item-cap-distinct-keys": lambda p: _write(p, _distinct_keys(JUST_UNDER_THE_ITEM_CAP // 2)),
    "under-both-caps-keys-and-a-string-with-an-emoji": lambda p: _write(
        p, _keys_and_a_mixed_string(JUST_UNDER_THE_ITEM_CAP // 2, UNDER_CAP_BYTES)
    ),
    "just-under-the-item-cap-tiny-arrays": lambda p: _write(p, _tiny_arrays(JUST_UNDER_THE_ITEM_CAP // 2)),
    "valid-concerns-up-to-the-cap": lambda p: _write(p, _many_valid_concerns(UNDER_CAP_BYTES)),
}


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.truncate(size)  # no disk used: reading it would still give gigabytes of zeros
    return path


@pytest.mark.parametrize("shape", list(BUNDLE_SHAPES))
def test_a_hostile_case_bundle_file_is_refused_in_one_line_within_bounded_memory(tmp_path: Path, shape: str) -> None:
    path = BUNDLE_SHAPES[shape](tmp_path / "hostile.json")
    _assert_refused_in_bounds(shape, _open_in_own_process("bundle", str(path)))


def _claims_versions(version: int) -> Iterator[bytes]:
    """A well-formed bundle whose one concern says it is at version ``version``, with one amendment."""
    child = Child(legal_forename="Fictional", legal_surname="Testchild", dob=date(2015, 3, 1))
    concern = Concern(
        child_id=child.id,
        observed_at=datetime(2026, 6, 1, 13, 5),
        reporter_name="Mrs D. Example",
        categories=[Category.EMOTIONAL],
        what_happened="Cried in class after lunch.",
    )
    data = CaseBundle(exported_at=datetime(2026, 11, 6, tzinfo=UTC), child=child, concerns=[concern]).model_dump(
        mode="json"
    )
    data["concerns"][0]["version"] = version
    data["amendments"] = {
        str(concern.id): [
            {"version": 2, "at": "2026-06-02T09:00:00Z", "by": "Ms Ada Testperson", "reason": "Typo", "previous": {}}
        ]
    }
    yield json.dumps(data).encode()


@pytest.mark.parametrize("version", [10**9, 2**62])
def test_a_record_claiming_a_vast_version_number_is_refused_on_import_within_bounded_memory(
    tmp_path: Path, version: int
) -> None:
    path = _write(tmp_path / "versions.json", _claims_versions(version))
    message = _assert_refused_in_bounds(f"version-{version}", _open_in_own_process("import", str(path)))
    # refused by the version cap on the record itself (or, were that ever raised, by the history check)
    assert "version" in message and "Nothing was added" in message


def test_a_bundle_file_too_large_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = _sparse(tmp_path / "huge.json", 4 * 1024 * MiB)
    started = time.monotonic()
    with pytest.raises(CasebookError, match="too large") as caught:
        read_bundle_file(path)
    assert time.monotonic() - started < 1
    assert "\n" not in str(caught.value)


# ---- deeply nested JSON: its own line (item 7) --------------------------------------------------------------


NESTED = b"[" * 100_000 + b"]" * 100_000


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(NESTED, id="the-whole-file"),
        pytest.param(
            b'{"format": "dsl-casebook/case-bundle", "version": 1, "concerns": ' + NESTED + b"}", id="a-field"
        ),
        pytest.param(b"[" * 100_000, id="never-closed"),
    ],
)
def test_deeply_nested_bundle_gives_its_own_line_through_the_cli(
    capsys: pytest.CaptureFixture[str], cli_env: None, tmp_path: Path, vault_dir: Path, text: bytes
) -> None:
    assert run_cli(capsys, "init", "--vault", str(vault_dir), "--name", "Ms Ada Testperson")[0] == 0
    bundle = tmp_path / "nested.json"
    bundle.write_bytes(text)
    code, out, err = run_cli(capsys, "import", "--vault", str(vault_dir), str(bundle))
    assert code == 1, err
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert "nested" in err and "unexpected" not in err, err
    code, out, _ = run_cli(capsys, "children", "--vault", str(vault_dir), "--json")
    assert json.loads(out) == []


def test_deeply_nested_transfer_pack_gives_its_own_line(
    capsys: pytest.CaptureFixture[str],
    cli_env: None,
    tmp_path: Path,
    vault_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = _seal(_deep_arrays())
    with pytest.raises(CasebookError, match="nested") as caught:
        open_pack_bytes(data, PACK_PASSPHRASE)
    assert "\n" not in str(caught.value)
    whole = _seal_whole(NESTED)
    with pytest.raises(CasebookError, match="nested"):
        open_pack_bytes(whole, PACK_PASSPHRASE)
    assert run_cli(capsys, "init", "--vault", str(vault_dir), "--name", "Ms Ada Testperson")[0] == 0
    pack = tmp_path / f"nested{PACK_SUFFIX}"
    pack.write_bytes(data)
    monkeypatch.setenv("DSLAPP_TRANSFER_PASSPHRASE", PACK_PASSPHRASE)
    code, _, err = run_cli(capsys, "transfer", "import", "--vault", str(vault_dir), str(pack))
    assert code == 1 and err.count("\n") == 1 and "nested" in err and "unexpected" not in err, err


def _seal_whole(plain: bytes) -> bytes:
    """Contents that are nothing but nested arrays (no pack id, no bundle)."""
    data, _ = seal_pack_json(plain, new_pack_header(uuid.uuid4(), FAST_KDF, len(plain)), PACK_PASSPHRASE)
    return data


# ---- what the caps must still let through -----------------------------------------------------------------


def test_packs_declare_their_size_and_packs_of_version_1_still_open(store: RecordStore, tmp_path: Path) -> None:
    child = add_child(store, legal_forename="Fictional", legal_surname="Testchild", dob=date(2015, 3, 1)).value
    recording.record(
        store,
        Concern,
        child_id=child.id,
        observed_at=datetime(2026, 6, 1, 13, 5),
        reporter_name="Mrs D. Example",
        categories=[Category.EMOTIONAL],
        what_happened="Cried in class after lunch.",
    )
    pack = export_transfer(store, child.id, tmp_path, "Fictional High", kdf=FAST_KDF)
    data = pack.pack_path.read_bytes()
    header, _, _ = read_pack_header(data)
    assert header.version == PACK_VERSION == 2
    opened = open_pack_bytes(data, pack.passphrase)
    assert header.contents_bytes == len(opened.contents.model_dump_json().encode())
    # the same contents as an earlier version of the app sealed them: a version 1 header, no size declared
    old_header = PackHeader.model_validate({**header.model_dump(), "version": 1, "contents_bytes": None})
    old, _ = seal_pack_json(opened.contents.model_dump_json().encode(), old_header, pack.passphrase)
    assert open_pack_bytes(old, pack.passphrase).bundle.case_json() == opened.bundle.case_json()
    # a version 2 header must declare the size
    undeclared = PackHeader.model_validate({**header.model_dump(), "contents_bytes": None})
    broken, _ = seal_pack_json(opened.contents.model_dump_json().encode(), undeclared, pack.passphrase)
    with pytest.raises(CasebookError, match="header"):
        open_pack_bytes(broken, pack.passphrase)


def test_the_heaviest_childs_bundle_fits_well_inside_the_caps(store: RecordStore) -> None:
    """The large-school dataset's heaviest child (2,000 concerns and 2,000 chronology entries): its bundle
    must be far below every cap (measured: 3.1 MB, 170,000 items, 5 deep)."""
    build_large(store, children=1, concerns=2_000, heaviest=2_000)
    child_id = str(store.vault.db.scalar("SELECT id FROM records WHERE kind = 'child'"))
    text = build_bundle(store, child_id).model_dump_json(indent=2).encode()
    items = sum(text.count(mark) for mark in (b"[", b"{", b",", b":"))
    assert len(text) * 4 < MAX_BUNDLE_BYTES and items * 4 < MAX_BUNDLE_ITEMS, (len(text), items)
    assert len(parse_bundle(text).concerns) == 2_000


def test_a_stream_that_never_ends_is_not_read(capsys: pytest.CaptureFixture[str], cli_env: None) -> None:
    with pytest.raises(CasebookError, match="could not be read"):
        read_bundle_file(Path("/dev/zero"))
    code, _, err = run_cli(capsys, "import", "--vault", "unused", "/dev/zero")
    assert code == 1 and err.count("\n") == 1, err

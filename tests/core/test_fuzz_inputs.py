"""Bad input, generated: malformed, oversized, wrongly typed and hostile input to every way data gets in.

Bundles (random JSON, and valid bundles with hostile values put in at random places), transfer packs
(truncated, bit-flipped, spliced, with random headers), the command line (random arguments, hostile
file names kept inside a sandbox folder), model validation of every record kind, search and backup files
with hostile member names. The property each time: a clear one-line error (a CasebookError, or argparse's
usage error) or a safe value that reads back exactly; never another exception; nothing half-written.
"""

from __future__ import annotations

import contextlib
import io
import json
import random
import re
import struct
import uuid
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from support import FAST_KDF, PASSPHRASE, MakeVault

from dslapp import cli
from dslapp.errors import CasebookError
from dslapp.models import (
    RECORD_KINDS,
    Action,
    Category,
    ChronologyEntry,
    Concern,
    EarlyHelpPlan,
    Goal,
    Person,
    Professional,
    Referral,
)
from dslapp.services import recording
from dslapp.services import transfer as transfer_module
from dslapp.services.bundle import build_bundle, import_bundle, parse_bundle
from dslapp.services.children import add_child
from dslapp.services.transfer import PACK_MAGIC, export_transfer, import_transfer, open_pack_bytes
from dslapp.store import RecordStore
from dslapp.store.records import validate
from dslapp.vault import audit
from dslapp.vault.backup import restore
from dslapp.vault.sqlcipher import integrity_ok
from dslapp.vault.vault import Vault

# How many examples, and whether they are random, come from the profile (tests/conftest.py): the same
# examples on every CI run, many more random ones with ``make fuzz``.
FUZZ = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

HOSTILE_TEXT = [
    "",
    " ",
    "\x00",
    "nul\x00inside",
    "\x1b[31mterminal escape\x1b[0m",
    "\u202eevil.exe\u202c right-to-left override",
    "\u200f\u200e\u2066\u2069 bidi marks",
    '=HYPERLINK("http://example.invalid/?q="&A1,"Click me")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "../../../../etc/passwd",
    "..\\..\\..\\Windows\\System32\\config",
    "CON",
    "aux.txt",
    "%s%s%n%x",
    "{{7*7}}${7*7}",
    "<script>alert(1)</script>",
    "'; DROP TABLE records; --",
    '" OR 1=1 --',
    'NEAR(a b) OR * AND "',
    "\ufeffbyte order mark",
    "\U0001f600\U0001f469\u200d\U0001f467 emoji",
    "ﷺ ﺍﻟﺴﻼﻡ عليكم",
    "Ł\u0301ó\u0327 combining",
    "line one\nline two\r\nline three\rfour",
    "\t\v\f",
    "\ud800 lone surrogate",
    "x" * 20_001,
    "y" * 301,
    "9" * 400,
]
HOSTILE_VALUES: list[Any] = [
    None,
    0,
    -1,
    2**63,
    2**64 + 1,
    1e308,
    float("nan"),
    float("inf"),
    True,
    [],
    {},
    [[[[[]]]]],
    {"nested": {"deeper": [1, "two", None]}},
    "0000-00-00",
    "9999-12-31",
    "2026-02-30",
    "2026-11-18T25:61:00",
    "not-a-uuid",
    str(uuid.UUID(int=0)),
]
hostile_text = st.one_of(
    st.sampled_from(HOSTILE_TEXT),
    st.text(max_size=60),
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zl", "Zp", "Mn"]), max_size=30),
)
hostile_value = st.one_of(hostile_text, st.sampled_from(HOSTILE_VALUES), st.integers(), st.floats())
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | hostile_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=25,
)


# ---- a real case to start from -------------------------------------------------------------------


def _rich_case(store: RecordStore) -> str:
    child = add_child(
        store,
        legal_forename="Nguyễn Thị",
        legal_surname="Hương",
        known_as="Huong",
        dob=date(2014, 12, 24),
        nhs_number="999 000 0018",
        address="1 Fictional Road",
    ).value
    cid = child.id
    recording.record(store, Person, child_id=cid, name="Nguyễn Văn An", relationship="Father")
    recording.record(store, Professional, child_id=cid, name="Ms E. Example", role="Social worker")
    concern = recording.record(
        store,
        Concern,
        child_id=cid,
        observed_at=datetime(2026, 6, 1, 13, 5),
        reporter_name="Mrs D. Example",
        categories=[Category.EMOTIONAL],
        what_happened="Cried in class after lunch.",
        child_words="I hid under the bed.",
        significant=True,
    ).value
    recording.amend(store, concern.id, "Added who she told", immediate_action="Told the DSL.")
    recording.record(store, Action, child_id=cid, what="Call home", owner="DSL", due=date(2026, 6, 8))
    recording.record(store, ChronologyEntry, child_id=cid, period="Autumn 2019", event="Moved to the area")
    recording.record(
        store,
        EarlyHelpPlan,
        child_id=cid,
        started_on=date(2026, 5, 1),
        goals=[Goal(what_will_change="Gets to school on time")],
    )
    recording.record(store, Referral, child_id=cid, started_on=date(2026, 6, 2), form={"concern": "see above"})
    return str(cid)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A valid bundle (as JSON data) and a valid transfer pack made from the same rich case."""
    folder = tmp_path_factory.mktemp("fuzz-template")
    vault, _ = Vault.create(folder / "v", "Ms Ada Sender", "DSL", PASSPHRASE, school="Fictional Primary", kdf=FAST_KDF)
    try:
        store = RecordStore(vault)
        child_id = _rich_case(store)
        bundle = json.loads(build_bundle(store, child_id).model_dump_json())
        pack = export_transfer(store, child_id, folder, "Fictional High", kdf=FAST_KDF)
        yield {"bundle": bundle, "pack": pack.pack_path.read_bytes(), "passphrase": pack.passphrase}
    finally:
        vault.lock()


@pytest.fixture
def receiver(tmp_path: Path, make_vault: MakeVault) -> Iterator[RecordStore]:
    vault, _ = make_vault(tmp_path / "receiver", "Mr Bo Receiver")
    yield RecordStore(vault)
    vault.lock()


def _fresh_ids(data: dict[str, Any]) -> dict[str, Any]:
    """The same bundle with new ids throughout, so each example imports as a new child."""
    text = json.dumps(data)
    for old in set(re.findall(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", text)):
        text = text.replace(old, str(uuid.uuid4()))
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


def _mutate(data: dict[str, Any], path: tuple[Any, ...], how: str, value: Any) -> None:
    parent: Any = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if how == "set":
        parent[last] = value
    elif how == "delete":
        del parent[last]
    elif how == "extra" and isinstance(parent, dict):
        parent[f"unexpected_{last}"] = value
    elif how == "wrap":
        parent[last] = [parent[last]]


def _state(store: RecordStore) -> tuple[int, int, int]:
    db = store.db
    return store.count(), int(db.scalar("SELECT count(*) FROM amendments")), len(audit.events(db))


def _one_line(error: BaseException) -> None:
    text = str(error)
    assert text and "\n" not in text and "Traceback" not in text, text


COUNTS: dict[str, int] = {}


def _count(name: str) -> None:
    COUNTS[name] = COUNTS.get(name, 0) + 1


# ---- case bundles -------------------------------------------------------------------------------------


@FUZZ
@given(value=json_values)
def test_random_json_is_refused_as_a_bundle_with_one_line(value: Any) -> None:
    _count("random json bundles")
    try:
        parse_bundle(json.dumps(value))
    except CasebookError as exc:
        _one_line(exc)


@FUZZ
@given(data=st.binary(max_size=300))
def test_random_bytes_are_refused_as_a_bundle(data: bytes) -> None:
    _count("random byte bundles")
    with pytest.raises(CasebookError) as caught:
        parse_bundle(data)
    _one_line(caught.value)


@FUZZ
@given(
    seed=st.integers(0, 2**32 - 1),
    how=st.sampled_from(["set", "set", "set", "delete", "extra", "wrap"]),
    value=hostile_value,
)
def test_hostile_values_in_a_bundle_import_exactly_or_add_nothing(
    template: dict[str, Any], receiver: RecordStore, seed: int, how: str, value: Any
) -> None:
    _count("mutated bundles imported")
    data = _fresh_ids(template["bundle"])
    path = random.Random(seed).choice(_paths(data))
    note(f"{how} {path} = {value!r:.200}")
    _mutate(data, path, how, value)
    before = _state(receiver)
    try:
        text = json.dumps(data, ensure_ascii=False)
    except (ValueError, UnicodeEncodeError):
        text = json.dumps(data)
    try:
        bundle = parse_bundle(text)
        child = import_bundle(receiver, bundle).value
    except CasebookError as exc:
        _one_line(exc)
        assert _state(receiver) == before, "a refused import wrote something"
        return
    # accepted: it must read back exactly as it was given
    assert build_bundle(receiver, str(child.id)).case_json() == bundle.case_json()


def _amended_concern(data: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    concern = data["concerns"][0]
    return concern, data["amendments"][concern["id"]]


@pytest.mark.parametrize(
    "break_it",
    [
        # found by the fuzzer above, kept as plain regressions
        pytest.param(lambda c, a: c.update(version=1), id="record-version-behind-its-amendments"),
        pytest.param(lambda c, a: c.update(version=3), id="amendment-history-missing-a-version"),
        pytest.param(lambda c, a: a[0]["previous"].update(outcome=float("nan")), id="nan-in-earlier-text"),
        pytest.param(lambda c, a: a[0]["previous"].update(outcome="\ud800"), id="lone-surrogate-in-earlier-text"),
        pytest.param(lambda c, a: a.clear(), id="amended-record-without-history"),
    ],
)
def test_bundles_whose_history_does_not_add_up_are_refused(
    template: dict[str, Any], receiver: RecordStore, break_it: Any
) -> None:
    data = _fresh_ids(template["bundle"])
    concern, amendments = _amended_concern(data)
    break_it(concern, amendments)
    if not amendments:
        del data["amendments"][concern["id"]]
    before = _state(receiver)
    with pytest.raises(CasebookError, match="could not be imported") as caught:
        import_bundle(receiver, parse_bundle(json.dumps(data)))
    _one_line(caught.value)
    assert _state(receiver) == before


@FUZZ
@given(
    what=hostile_text,
    words=hostile_text,
    reporter=hostile_text,
    forename=hostile_text,
)
def test_hostile_text_is_saved_and_read_back_exactly_or_refused(
    receiver: RecordStore, what: str, words: str, reporter: str, forename: str
) -> None:
    _count("hostile records saved")
    before = _state(receiver)
    try:
        child = add_child(receiver, legal_forename=forename, legal_surname="Testchild", dob=date(2016, 1, 1)).value
    except CasebookError as exc:
        _one_line(exc)
        assert _state(receiver) == before
        return
    before = _state(receiver)
    try:
        concern = recording.record(
            receiver,
            Concern,
            child_id=child.id,
            observed_at=datetime(2026, 1, 5, 9, 0),
            reporter_name=reporter,
            categories=[Category.OTHER],
            what_happened=what,
            child_words=words,
        ).value
    except CasebookError as exc:
        _one_line(exc)
        assert _state(receiver) == before
        return
    stored = receiver.get_as(Concern, concern.id)
    assert stored == concern  # reads back exactly as saved
    for given_text, kept in (
        (what, stored.what_happened),
        (words, stored.child_words),
        (reporter, stored.reporter_name),
    ):
        assert kept in given_text and kept.strip() == given_text.strip()  # only surrounding spaces trimmed
    for query in (what, words, reporter):
        receiver.search(query[:200])  # never raises, whatever was typed


@FUZZ
@given(
    kind=st.sampled_from(sorted(RECORD_KINDS)),
    fields=st.lists(st.tuples(st.integers(0, 40), hostile_value), max_size=8),
    junk=st.dictionaries(st.text(max_size=10), hostile_value, max_size=2),
)
def test_model_validation_gives_a_record_or_one_plain_line(
    kind: str, fields: list[tuple[int, Any]], junk: dict[str, Any]
) -> None:
    _count("model validations")
    cls = RECORD_KINDS[kind]
    names = sorted(cls.model_fields)
    data: dict[str, Any] = {names[i % len(names)]: value for i, value in fields}
    data.update(junk)
    try:
        validate(cls, data)
    except CasebookError as exc:
        _one_line(exc)


# ---- transfer packs -----------------------------------------------------------------------------------


def _damage(data: bytes, how: str, rng: random.Random) -> bytes:
    if how == "truncate":
        return data[: rng.randrange(len(data))]
    if how == "flip":
        out = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            out[rng.randrange(len(out))] ^= rng.randint(1, 255)
        return bytes(out)
    if how == "splice":
        at = rng.randrange(len(data))
        return data[:at] + rng.randbytes(rng.randint(1, 64)) + data[at:]
    if how == "drop":
        at = rng.randrange(len(data))
        return data[:at] + data[at + rng.randint(1, 64) :]
    if how == "header":
        header = json.dumps({"format": "dsl-casebook/transfer-pack", rng.choice(["kdf", "salt", "x"]): rng.random()})
        raw = header.encode()
        return PACK_MAGIC + struct.pack(">I", len(raw)) + raw + data[-200:]
    if how == "length":
        return PACK_MAGIC + struct.pack(">I", rng.choice([0, 2**31, 2**32 - 1, 5000])) + data[len(PACK_MAGIC) + 4 :]
    return rng.randbytes(rng.randint(0, 400))


@FUZZ
@given(
    how=st.sampled_from(["truncate", "flip", "splice", "drop", "header", "length", "random"]),
    seed=st.integers(0, 2**32 - 1),
)
def test_truncated_and_tampered_packs_never_open_and_add_nothing(
    template: dict[str, Any], receiver: RecordStore, tmp_path: Path, how: str, seed: int
) -> None:
    _count("damaged transfer packs")
    data = template["pack"]
    damaged = _damage(data, how, random.Random(seed))
    if damaged == data:
        return
    before = _state(receiver)
    with pytest.raises(CasebookError) as caught:
        open_pack_bytes(damaged, template["passphrase"])
    _one_line(caught.value)
    pack_file = tmp_path / f"damaged-{seed}.dsltransfer"
    pack_file.write_bytes(damaged)
    with pytest.raises(CasebookError):
        import_transfer(receiver, pack_file, template["passphrase"])
    assert _state(receiver) == before


@FUZZ
@given(passphrase=hostile_text)
def test_any_wrong_passphrase_is_one_plain_line(template: dict[str, Any], passphrase: str) -> None:
    _count("wrong pack passphrases")
    if passphrase.upper().replace("-", "").replace(" ", "") == template["passphrase"].replace("-", ""):
        return
    with pytest.raises(CasebookError) as caught:
        open_pack_bytes(template["pack"], passphrase)
    _one_line(caught.value)


# ---- backup files with hostile member names -------------------------------------------------------------


@FUZZ
@given(
    names=st.lists(
        st.sampled_from([*HOSTILE_TEXT[10:14], "../evil.db", "/tmp/evil", "casebook.db/../../x"]),
        max_size=3,
        unique=True,
    )
)
def test_backup_files_with_hostile_members_extract_nothing_elsewhere(tmp_path: Path, names: list[str]) -> None:
    _count("hostile backup files")
    vault_dir = tmp_path / f"v{uuid.uuid4().hex[:6]}"
    vault_dir.mkdir()
    bad = vault_dir.parent / f"{vault_dir.name}.casebook-backup"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("casebook.db", b"not a database")
        archive.writestr("vault.keys", json.dumps({"format": 1}))
        for name in names:
            archive.writestr(name, b"should never be written anywhere")
    before = set(tmp_path.rglob("*"))
    with pytest.raises(CasebookError) as caught:
        restore(vault_dir, bad, PASSPHRASE)
    _one_line(caught.value)
    assert set(tmp_path.rglob("*")) == before


# ---- the command line -----------------------------------------------------------------------------------

OPTIONS = [
    "--vault",
    "--child",
    "--out",
    "--on",
    "--json",
    "--to-school",
    "--to-dsl",
    "--from-school",
    "--transfer",
    "--code",
    "--received-by",
    "--passphrase-stdin",
    "--user",
    "--name",
    "--school",
    "--from",
    "--to",
    "--pdf-password-stdin",
    "--help",
]


def _safe_name(text: str) -> str:
    """A file name from hostile text that stays inside the sandbox (no separators, no absolute paths)."""
    cleaned = text.replace("/", "_").replace("\\", "_")[:60]
    return cleaned if cleaned not in ("", ".", "..") else "empty"


@st.composite
def command_line(draw: st.DrawFn, ctx: dict[str, Any]) -> list[str]:
    """A well-formed command line for a random command, then zero to two hostile changes to it."""
    v, child = ctx["vault"], draw(st.sampled_from([ctx["child"], ctx["child"][:8], ctx["child"][:1]]))
    out = "../" * draw(st.integers(0, 2)) + _safe_name(draw(hostile_text))
    file_in = draw(st.sampled_from(ctx["inputs"]))
    templates = [
        ["children", "--vault", v, "--json"],
        [
            "today",
            "--vault",
            v,
            "--on",
            draw(st.sampled_from(["18/11/2026", "2026-11-18", "31/02/2026", "99/99/9999"])),
        ],
        ["import", "--vault", v, file_in],
        ["export", "bundle", "--vault", v, "--child", child, "--out", out],
        ["export", "plain", "--vault", v, "--out", out],
        ["export", "chronology", "--vault", v, "--child", child, "--out", out],
        ["backup", "--vault", v, "--out", out],
        ["restore", "--vault", v, file_in],
        ["audit", "verify", "--vault", v],
        ["transfer", "export", "--vault", v, "--child", child, "--to-school", draw(hostile_text), "--out", "."],
        ["transfer", "import", "--vault", v, file_in],
        ["transfer", "receipt", "--vault", v, "--transfer", draw(hostile_text) or "x", "--code", draw(hostile_text)],
        ["init", "--vault", f"new-{_safe_name(draw(hostile_text))}", "--name", draw(hostile_text)],
    ]
    argv = list(draw(st.sampled_from(templates)))
    for _ in range(draw(st.integers(0, 2))):
        change = draw(st.integers(0, 3))
        at = draw(st.integers(0, len(argv)))
        if change == 0 and argv:
            argv[min(at, len(argv) - 1)] = draw(hostile_text)
        elif change == 1 and argv:
            del argv[min(at, len(argv) - 1)]
        elif change == 2:
            argv.insert(at, draw(st.sampled_from(OPTIONS)))
        else:
            argv.insert(at, draw(hostile_text))
    return argv


@pytest.fixture
def cli_sandbox(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fast_kdf: object,
    template: dict[str, Any],
    make_vault: MakeVault,
) -> dict[str, Any]:
    """A vault with a rich case, and input files (good, hostile and damaged), all inside a sandbox folder."""
    sandbox = tmp_path / "sandbox" / "a" / "b" / "c"
    sandbox.mkdir(parents=True)
    monkeypatch.chdir(sandbox)
    monkeypatch.setattr(transfer_module, "PACK_KDF", FAST_KDF)
    monkeypatch.setattr(cli, "cmd_app", lambda args: 0)  # never start the desktop app
    vault_dir = sandbox / "vault"
    vault, _ = make_vault(vault_dir, school="Fictional")
    child_id = _rich_case(RecordStore(vault))
    vault.lock()
    rng = random.Random(5)
    inputs = {
        "good-bundle.json": json.dumps(_fresh_ids(template["bundle"])).encode(),
        "not-json.json": b"{ nope",
        "empty.json": b"",
        "huge-string.json": json.dumps({"format": "dsl-casebook/case-bundle", "child": "x" * 2_000_000}).encode(),
        "random.bin": rng.randbytes(500),
        "pack.dsltransfer": template["pack"],
        "cut-pack.dsltransfer": template["pack"][:300],
        "=HYPERLINK(1).json": b"[]",
        "\u202etxt.json": b"{}",
    }
    for name, content in inputs.items():
        (sandbox / name).write_bytes(content)
    names = [*inputs, "missing.json", "../../../outside.json", ".", "vault", "vault/casebook.db", "vault/vault.keys"]
    return {"vault": str(vault_dir), "child": child_id, "inputs": names}


@FUZZ
@given(data=st.data(), stdin=hostile_text, right_passphrase=st.booleans())
def test_random_command_lines_end_in_a_usage_message_or_one_plain_line(
    cli_sandbox: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    data: st.DataObject,
    stdin: str,
    right_passphrase: bool,
) -> None:
    _count("command lines")
    vault_dir = Path(cli_sandbox["vault"])
    argv = data.draw(command_line(cli_sandbox))
    note(repr(argv))
    monkeypatch.setenv("DSLAPP_PASSPHRASE", PASSPHRASE if right_passphrase else "wrong passphrase")
    monkeypatch.setenv("DSLAPP_TRANSFER_PASSPHRASE", "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF")
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin + "\n"))
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        records_before = RecordStore(vault).count()
    # text streams that, like a terminal's stderr, accept anything (argv may hold undecodable bytes as surrogates)
    stdout, stderr = io.StringIO(), io.StringIO()
    monkeypatch.setattr("sys.stdout", stdout)
    monkeypatch.setattr("sys.stderr", stderr)
    try:
        code = cli.main(argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    err = stderr.getvalue()
    _count(f"command lines ending {code}")
    assert code in (0, 1, 2), (code, err)
    assert "Traceback" not in err and "something unexpected" not in err, err
    if code == 1:  # one plain error line last (progress notes and backup warnings may come before it)
        lines = err.splitlines()
        errors = [line for line in lines if line.startswith("dslapp: ") and not line.startswith("dslapp: warning")]
        assert len(errors) == 1 and lines[-1] == errors[0], err
    if code == 2:
        assert err.startswith("usage:") or err.startswith("dslapp: "), err
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        records_after = RecordStore(vault).count()
        assert audit.verify(vault.db).ok and integrity_ok(vault.db)
    if records_after != records_before:
        assert code == 0 and argv[0] in ("import", "transfer", "restore"), "records changed by a failed command"


def test_ci_runs_the_same_examples_every_time() -> None:
    """The default profile is derandomised with no example database: CI is deterministic. ``make fuzz``
    (HYPOTHESIS_PROFILE=long) is the random, longer run."""
    ci = settings.get_profile("ci")
    assert ci.derandomize and ci.database is None
    long = settings.get_profile("long")
    assert not long.derandomize and long.max_examples >= 10 * ci.max_examples
    assert FUZZ.derandomize == settings.default.derandomize
    assert FUZZ.max_examples == settings.default.max_examples


# ---- regressions for what the fuzzers found (plain tests: they run every time, whatever the profile) ------


@contextlib.contextmanager
def _memory_cap(extra_bytes: int) -> Iterator[None]:
    """Cap this process's address space at its current size plus ``extra_bytes`` (Linux), so a regression
    fails with MemoryError instead of taking the machine's memory and getting the test worker killed."""
    try:
        import resource

        size = int(re.search(r"VmSize:\s+(\d+) kB", Path("/proc/self/status").read_text())[1]) * 1024  # type: ignore[index]
    except (ImportError, OSError, TypeError):
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (size + extra_bytes, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@pytest.mark.parametrize("version", [10**9, 2**63, 2**64 + 1])
def test_a_huge_record_version_in_a_bundle_is_refused_without_eating_memory(
    template: dict[str, Any], receiver: RecordStore, version: int
) -> None:
    """Found by the bundle fuzzer: the history check built the list 2..version, so version 10**9 took tens of
    gigabytes and the out-of-memory killer took the test worker ("crashed worker")."""
    data = _fresh_ids(template["bundle"])
    data["concerns"][0]["version"] = version
    before = _state(receiver)
    with _memory_cap(300 * 2**20), pytest.raises(CasebookError, match="could not be imported") as caught:
        import_bundle(receiver, parse_bundle(json.dumps(data)))
    _one_line(caught.value)
    assert _state(receiver) == before


@pytest.mark.parametrize(
    "break_it",
    [
        pytest.param(lambda d: d["actions"][0].update(source_id="\ud800"), id="action-source-id"),
        pytest.param(lambda d: d["actions"][0].update(what="Call home \udfff"), id="action-text"),
        pytest.param(lambda d: d["referrals"][0]["form"].update(concern="see \ud800 above"), id="referral-form"),
        pytest.param(lambda d: d["child"].update(known_as="Hu\udc00ong"), id="child-name"),
    ],
)
def test_a_lone_surrogate_in_a_bundle_is_refused_before_the_database(
    template: dict[str, Any], receiver: RecordStore, break_it: Any
) -> None:
    """Found by the bundle fuzzer: a lone surrogate in an action passed validation and then failed inside the
    database insert with UnicodeEncodeError (not a one-line error)."""
    data = _fresh_ids(template["bundle"])
    break_it(data)
    before = _state(receiver)
    with pytest.raises(CasebookError, match="broken character") as caught:
        import_bundle(receiver, parse_bundle(json.dumps(data)))
    _one_line(caught.value)
    assert _state(receiver) == before


@pytest.mark.parametrize(
    "bad",
    [
        pytest.param({"child_id": "\nnot an id"}, id="id-parse-error-quotes-the-character"),
        pytest.param({"due": "2026-01-0\n1"}, id="date"),
        pytest.param({"unexpected\nfield": 1}, id="unknown-field-name"),
        pytest.param({"\x1b[2J\x1b[Hwiped": 1}, id="terminal-escape-in-field-name"),
        pytest.param({"what": "\ud800"}, id="lone-surrogate"),
    ],
)
def test_validation_messages_quoting_input_stay_one_line(bad: dict[str, Any]) -> None:
    """Found by the model fuzzer: a message quoting raw input with a newline was two lines."""
    data = {"child_id": str(uuid.uuid4()), "what": "Call home", "owner": "DSL", "due": "2026-06-08", **bad}
    with pytest.raises(CasebookError) as caught:
        validate(Action, data)
    _one_line(caught.value)
    assert "\x1b" not in str(caught.value)


@pytest.mark.parametrize(
    "extra",
    [
        pytest.param({"unexpected\nkey": 1}, id="unknown-key"),
        pytest.param({"amendments": {"not\na record": [{"version": "x"}]}}, id="key-in-a-dict"),
    ],
)
def test_bundle_messages_quoting_keys_stay_one_line(template: dict[str, Any], extra: dict[str, Any]) -> None:
    data = {**_fresh_ids(template["bundle"]), **extra}
    with pytest.raises(CasebookError, match="could not be imported") as caught:
        parse_bundle(json.dumps(data))
    _one_line(caught.value)


def test_command_line_messages_quoting_input_stay_one_line(
    cli_sandbox: dict[str, Any], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DSLAPP_PASSPHRASE", PASSPHRASE)
    for argv, expected in (
        (["import", "--vault", cli_sandbox["vault"], "no such\nfile.json"], 1),
        (["export", "bundle", "--vault", cli_sandbox["vault"], "--child", "zz\nzz", "--out", "x.json"], 1),
        (["children", "--vault", cli_sandbox["vault"], "--user", "Mr\nNobody"], 1),
        (["today", "--vault", cli_sandbox["vault"], "--on", "18/11\n/2026"], 2),
        (["children", "--vault", cli_sandbox["vault"], "stray\nargument"], 2),
    ):
        try:
            code = cli.main(argv)
        except SystemExit as exc:
            code = int(exc.code or 0)
        err = capsys.readouterr().err
        assert code == expected, (argv, err)
        last = err.splitlines()[-1]
        assert last.startswith("dslapp") and "\\n" in last, err  # the newline is shown, not obeyed
        if code == 1:
            assert err.count("\n") == 1, err


def test_report_fuzz_counts(capsys: pytest.CaptureFixture[str]) -> None:
    """Prints how many examples each property ran in this process (visible with -s; informational)."""
    with capsys.disabled():
        total = sum(COUNTS.values())
        print(f"\nfuzz examples run: {total} " + ", ".join(f"{k}: {v}" for k, v in sorted(COUNTS.items())))

"""Issue 8 §2: no plaintext anywhere. Case data typed into the CLI and the desktop app never reaches a file in
the clear: not the vault folder, not the config / cache / log folders, not the temp directory.

Each field gets its own marker string. The scan looks for every marker in UTF-8, UTF-16 LE and BE, and base64
(all three alignments, standard and URL-safe alphabets). A second test checks the app log exists, has content,
and holds none of them. Deliberately breaking either property (logging a marker, writing one to a temp file)
makes these tests fail; see the issue 8 note.
"""

from __future__ import annotations

import base64
import os
import secrets
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from attachment_files import pdf_with
from PySide6.QtCore import QDate, Qt  # noqa: TID251 (this test drives the desktop app as well)
from PySide6.QtWidgets import (  # noqa: TID251
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from support import FAST_KDF, PASSPHRASE

from dslapp import config, logs
from dslapp.cli import main as cli_main
from dslapp.config import Settings
from dslapp.models import Category, Child, Concern
from dslapp.services import recording
from dslapp.services.attachments import attach_file
from dslapp.services.bundle import export_bundle
from dslapp.store import RecordStore
from dslapp.vault import keys
from dslapp.vault.vault import Vault

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ui"))
from ui_helpers import AppHarness, FakeClock, FakeTimers, choose_child, set_up_casebook, tick_category

from ui import theme
from ui.app import CasebookApp
from ui.dialogs.add_child import AddChildDialog
from ui.dialogs.record_concern import RecordConcernDialog

MAX_SCAN_BYTES = 64 * 1024 * 1024


class Markers:
    """One unguessable marker per field, all sharing a random run id so other tests' files never match."""

    def __init__(self) -> None:
        self.run = secrets.token_hex(4)
        self.by_field: dict[str, str] = {}

    def __call__(self, field: str) -> str:
        name = "".join(ch for ch in field if ch.isalnum())[:12]
        marker = f"Mk{self.run}{name}{secrets.token_hex(3)}"
        self.by_field[field] = marker
        return marker

    def all(self) -> list[str]:
        return list(self.by_field.values())


def needles(marker: str) -> list[tuple[str, bytes]]:
    """The byte strings that betray ``marker`` in a file, each with the encoding it stands for."""
    raw = marker.encode("utf-8")
    found = [("utf-8", raw), ("utf-16-le", marker.encode("utf-16-le")), ("utf-16-be", marker.encode("utf-16-be"))]
    for start in range(3):  # the marker may begin at any of the three byte positions of a base64 group
        chunk = raw[start : start + ((len(raw) - start) // 3) * 3]
        found.append((f"base64/{start}", base64.b64encode(chunk)))
        found.append((f"base64url/{start}", base64.urlsafe_b64encode(chunk)))
    return found


def files_under(root: Path, *, modified_since: float | None = None) -> Iterator[Path]:
    for folder, _dirs, names in os.walk(root, onerror=lambda _e: None):
        for name in names:
            path = Path(folder, name)
            try:
                stat = path.lstat()
            except OSError:
                continue
            if not path.is_file() or path.is_symlink() or stat.st_size > MAX_SCAN_BYTES:
                continue
            if modified_since is not None and stat.st_mtime < modified_since:
                continue
            yield path


def scan(paths: Iterable[Path], markers: list[str]) -> list[str]:
    """Every (file, marker, encoding) hit, as readable lines."""
    wanted = [(marker, kind, needle) for marker in markers for kind, needle in needles(marker)]
    hits: list[str] = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:
            continue  # gone (another test's temp file) or unreadable
        hits.extend(f"{path}: {marker} ({kind})" for marker, kind, needle in wanted if needle in data)
    return hits


def scan_roots(home: Path, vault_dirs: list[Path], started: float) -> tuple[list[Path], int]:
    roots = [*vault_dirs, config.config_dir(), config.cache_dir(), config.log_dir(), home]
    files: dict[Path, None] = {}
    for root in roots:
        for path in files_under(root):
            files[path] = None
    for path in files_under(Path(tempfile.gettempdir()), modified_since=started - 1):
        files[path] = None
    return list(files), len(roots) + 1


def test_scanner_finds_what_it_looks_for(tmp_path: Path) -> None:
    """The scan itself works: each encoding of a marker written to a file is found."""
    marker = "MkSelfTest0123456789"
    for index, data in enumerate(
        [
            marker.encode(),
            b"\x00" + marker.encode("utf-16-le"),
            marker.encode("utf-16-be"),
            base64.b64encode(b"x" + marker.encode()),
            base64.b64encode(b"xy" + marker.encode()),
            base64.urlsafe_b64encode(b"\xff\xfe" + marker.encode()),
        ]
    ):
        (tmp_path / f"f{index}").write_bytes(b"junk" + data + b"junk")
    hits = scan(files_under(tmp_path), [marker])
    assert len({h.split(":")[0] for h in hits}) == 6, hits
    assert not scan(files_under(tmp_path), ["MkSomethingElseEntirely"])


# ---- the CLI ----------------------------------------------------------------------------------------------


def _cli(*argv: str) -> int:
    try:
        return cli_main(list(argv))
    except SystemExit as exc:
        return int(exc.code or 0)


def _drive_cli(tmp: Path, mark: Markers) -> Path:
    """Build a case bundle with a marker in every text field, import it with the CLI, use the CLI, lock."""
    vault_dir = tmp / "cli-vault"
    assert _cli("init", "--vault", str(vault_dir), "--name", "Ms Ada Testperson", "--school", "Fictional") == 0
    scratch = tmp / "scratch-vault"
    source = tmp / "bundle-in.json"
    with Vault.create(scratch, "Ms Other Person", "DSL", PASSPHRASE, school="Sending School", kdf=FAST_KDF)[0] as v:
        store = RecordStore(v)
        text_fields = [
            "legal_forename",
            "legal_surname",
            "known_as",
            "gender",
            "ethnicity",
            "first_language",
            "religion",
            "disability",
            "upn",
            "address",
            "year_group",
            "school",
            "gp",
            "current_plan",
        ]
        child = store.add(Child(dob=date(2016, 5, 4), **{f: mark(f"cli child {f}") for f in text_fields}))
        recording.record(
            store,
            Concern,
            child_id=child.id,
            observed_at=datetime(2026, 10, 2, 9, 30),
            reporter_name=mark("cli reporter"),
            reporter_role=mark("cli role"),
            where=mark("cli where"),
            categories=[Category.NEGLECT],
            what_happened=mark("cli what happened"),
            child_words=mark("cli child words"),
            body_map_notes=mark("cli body notes"),
            immediate_action=mark("cli immediate"),
            decision_reasons=mark("cli reasons"),
            outcome=mark("cli outcome"),
        )
        attach_file(store, child.id, pdf_with(mark("cli bundled attachment")), file_name="minutes.pdf")
        export_bundle(store, str(child.id), source)
    assert _cli("import", "--vault", str(vault_dir), str(source)) == 0
    letter = tmp / "attached-letter.pdf"
    letter.write_bytes(pdf_with(mark("cli attached file")))
    assert _cli("attach", "--vault", str(vault_dir), "--child", str(child.id), str(letter)) == 0
    letter.unlink()  # ours, as the bundle is: what the app keeps of it is inside the vault only
    source.unlink()  # the input file was ours, not the app's; the scratch vault is encrypted and is scanned too
    _import_roll(tmp, vault_dir, mark)
    assert _cli("children", "--vault", str(vault_dir), "--json") == 0
    assert _cli("today", "--vault", str(vault_dir)) == 0
    assert _cli("backup", "--vault", str(vault_dir), "--out", str(vault_dir / "backups")) == 0
    assert _cli("audit", "verify", "--vault", str(vault_dir)) == 0
    return vault_dir


def _import_roll(tmp: Path, vault_dir: Path, mark: Markers) -> None:
    """A school roll with a marker in every field (two pupils: one made a child, one kept on the roll only)."""
    header = "UPN,Legal Forename,Legal Surname,Preferred Forename,DOB,Year,Gender,Address,Contact,Relationship,Phone"
    rows = [
        ",".join(
            [
                upn,
                mark(f"roll {n} forename"),
                mark(f"roll {n} surname"),
                mark(f"roll {n} preferred"),
                "04/03/2016",
                mark(f"roll {n} year"),
                mark(f"roll {n} gender"),
                mark(f"roll {n} address"),
                mark(f"roll {n} contact"),
                mark(f"roll {n} relationship"),
                mark(f"roll {n} phone"),
            ]
        )
        for n, upn in ((1, "E100000000001"), (2, "E100000000002"))
    ]
    source = tmp / "roll-in.csv"
    source.write_text("\n".join([header, *rows]) + "\n", encoding="cp1252")
    assert _cli("roll", "import", "--vault", str(vault_dir), str(source), "--add", "E100000000001") == 0
    source.unlink()  # the MIS export was ours, not the app's


# ---- the desktop app ------------------------------------------------------------------------------------


def _fill_every_field(dialog: QWidget, mark: Markers, prefix: str, skip: Iterable[QWidget] = ()) -> int:
    """Type a marker into every editable text field of ``dialog`` (not the inner editors of combos/dates)."""
    skipped = set(map(id, skip))
    filled = 0
    for widget in dialog.findChildren(QWidget):
        if id(widget) in skipped or not widget.isVisibleTo(dialog) or not widget.isEnabled():
            continue
        parent = widget.parentWidget()
        if isinstance(parent, QAbstractSpinBox | QComboBox):
            continue
        if isinstance(widget, QLineEdit) and not widget.isReadOnly():
            widget.setText(mark(f"{prefix} {widget.objectName() or filled}"))
        elif isinstance(widget, QPlainTextEdit | QTextEdit) and not widget.isReadOnly():
            widget.setPlainText(mark(f"{prefix} {widget.objectName() or filled}"))
        else:
            continue
        filled += 1
    return filled


def _drive_gui(qtbot: QtBot, tmp: Path, mark: Markers) -> tuple[Path, CasebookApp]:
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    theme.apply(qapp)
    app = CasebookApp(
        settings=Settings(),
        real_dir=tmp / "gui-vault",
        demo_dir=tmp / "gui-demo",
        synchronous=True,
        clock=FakeClock(),
        clipboard_timer=FakeTimers(),
        autosave_ms=3_600_000,
        watch_session_lock=False,
        today=date.today,
        now=lambda: datetime.now().replace(microsecond=0),
    )
    app.runner.raise_unexpected = True
    qtbot.addWidget(app.window)
    harness = AppHarness(app, FakeClock(), FakeTimers())
    app.window.resize(1280, 800)
    app.window.show()
    app.start()
    set_up_casebook(qtbot, harness.app)

    app.window.add_child_action.trigger()
    adding = next(d for d in app.dialogs if isinstance(d, AddChildDialog))
    assert _fill_every_field(adding, mark, "gui child") >= 5
    forename, surname = adding.forename.text(), adding.surname.text()
    adding.dob.setDate(QDate(2016, 3, 14))
    qtbot.mouseClick(adding.save_button, Qt.MouseButton.LeftButton)
    assert adding.error.text() == "", adding.error.text()

    app.window.record_action.trigger()
    dialog = app._concern_dialogs()[-1]
    assert isinstance(dialog, RecordConcernDialog)
    choose_child(dialog, surname)
    tick_category(dialog, "Neglect")
    qtbot.mouseClick(dialog.action_rows.add_button, Qt.MouseButton.LeftButton)  # an action row, to fill too
    assert _fill_every_field(dialog, mark, "gui concern") >= 8
    dialog.autosave_now()  # a draft is written first (encrypted, in the vault), as it would be while typing
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "", dialog.error.text()
    assert surname and forename
    app.lock()  # drops the key and takes the automatic backup
    app.runner.wait()
    return tmp / "gui-vault", app


@pytest.fixture
def driven(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _isolated_home: Path
) -> Iterator[tuple[Markers, list[Path], Path, float]]:
    monkeypatch.setattr(keys, "calibrate", lambda *a, **k: FAST_KDF)
    monkeypatch.setenv("DSLAPP_PASSPHRASE", PASSPHRASE)
    started = time.time()
    mark = Markers()
    logs.configure()  # as `dslapp` and the desktop app do at start-up
    try:
        cli_vault = _drive_cli(tmp_path, mark)
        gui_vault, app = _drive_gui(qtbot, tmp_path, mark)
        yield mark, [cli_vault, gui_vault, tmp_path / "scratch-vault"], _isolated_home, started
        app.window.allow_close = True
        app.window.close()
    finally:
        logs.unconfigure()


def test_no_marker_in_any_file(driven: tuple[Markers, list[Path], Path, float]) -> None:
    mark, vault_dirs, home, started = driven
    markers = mark.all()
    assert len(markers) >= 30, len(markers)
    assert all(len(m) >= 12 for m in markers)
    for vault_dir in vault_dirs[:2]:  # the automatic backups on lock are scanned too
        assert list((vault_dir / "backups").glob("auto-*.casebook-backup")), vault_dir
    files, roots = scan_roots(home, vault_dirs, started)
    assert len(files) >= 10, files
    hits = scan(files, [*markers, PASSPHRASE])
    assert not hits, "\n".join(hits[:20])
    print(f"scanned {len(files)} files under {roots} roots for {len(markers)} markers x 9 encodings: none found")


def test_the_log_exists_has_content_and_no_case_data(driven: tuple[Markers, list[Path], Path, float]) -> None:
    mark, _vaults, _home, _started = driven
    log_file = logs.log_file()
    assert log_file.is_file()
    text = log_file.read_text("utf-8")
    for event in ("cli.command", "unlock.ok", "lock", "backup.made"):
        assert event in text, text
    if os.name == "posix":
        assert log_file.stat().st_mode & 0o777 == 0o600
        assert log_file.parent.stat().st_mode & 0o777 == 0o700
    assert not scan([log_file], [*mark.all(), PASSPHRASE])
    for line in text.splitlines():  # every line is a timestamp, a level and an event line, nothing else
        _day, _time, _level, message = line.split(" ", 3)
        assert logs.EVENT_LINE.fullmatch(message), line

"""The ``dslapp`` command: a thin argparse layer over the services (DESIGN §5).

Exit codes: 0 ok, 1 a problem explained in one line on stderr (never a traceback), 2 usage.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, NoReturn

from dslapp import APP_NAME, __version__
from dslapp.config import default_vault_dir
from dslapp.errors import CasebookError

PASSPHRASE_ENV = "DSLAPP_PASSPHRASE"


class UsageError(CasebookError):
    """Wrong use of the command line (exit 2)."""


# ---- helpers ----------------------------------------------------------------------------------


def _vault_dir(args: argparse.Namespace) -> Path:
    return Path(args.vault).expanduser() if args.vault else default_vault_dir()


def _read_stdin_line(what: str) -> str:
    line = sys.stdin.readline()
    if not line:
        raise UsageError(f"Expected the {what} on standard input, but there was nothing there.")
    return line.rstrip("\r\n")


def _passphrase(args: argparse.Namespace) -> str:
    if getattr(args, "passphrase_stdin", False):
        return _read_stdin_line("passphrase")
    value = os.environ.get(PASSPHRASE_ENV)
    if value:
        return value
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass("Passphrase: ")
    raise UsageError(f"Give the passphrase in {PASSPHRASE_ENV} or on standard input with --passphrase-stdin.")


def _open(args: argparse.Namespace) -> Any:
    from dslapp.store import RecordStore
    from dslapp.vault.vault import Vault

    vault = Vault.open(_vault_dir(args), _passphrase(args), user_id=_user_id(args))
    return RecordStore(vault)


def _user_id(args: argparse.Namespace) -> str | None:
    name = getattr(args, "user", None)
    if not name:
        return None
    from dslapp.vault.vault import list_users

    for user in list_users(_vault_dir(args)):
        if user.name.casefold() == name.casefold() or user.id == name:
            return user.id
    raise CasebookError(f"There is no user called {name!r} in this casebook.")


def _parse_date(text: str) -> date:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"{text!r} is not a date; use dd/mm/yyyy or yyyy-mm-dd")


def _resolve_child(store: Any, text: str) -> str:
    """A child id, or a unique prefix of one (as printed by ``dslapp children``)."""
    rows = store.db.execute(
        "SELECT id FROM records WHERE kind = 'child' AND id LIKE ? || '%' LIMIT 2", (text.lower(),)
    ).fetchall()
    if len(rows) == 1:
        return str(rows[0][0])
    if not rows:
        raise CasebookError(f"No child in this casebook has the id {text}.")
    raise CasebookError(f"More than one child's id starts with {text}; give more of it.")


def _print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def _progress_bar(label: str) -> Callable[[int, int], bool]:
    interactive = sys.stderr.isatty()

    def report(done: int, total: int) -> bool:
        if interactive and total:
            width = 30
            filled = int(width * done / total)
            sys.stderr.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            if done >= total:
                sys.stderr.write("\n")
            sys.stderr.flush()
        return True

    return report


# ---- commands ---------------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    from dslapp.vault.vault import Vault

    passphrase = _passphrase(args)
    print("Calibrating key derivation for this computer (about a second)…", file=sys.stderr)
    vault, recovery_key = Vault.create(_vault_dir(args), args.name, args.role, passphrase, school=args.school)
    vault.lock()
    print(f"Created a new casebook in {_vault_dir(args)}.")
    print()
    print("RECOVERY KEY (shown once; print it or write it down and keep it in the school safe):")
    print(f"    {recovery_key}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from dslapp.demo import build_demo
    from dslapp.store import RecordStore
    from dslapp.vault.vault import Vault

    passphrase = _passphrase(args)
    directory = _vault_dir(args)
    vault, _recovery = Vault.create(
        directory, "Ms Demo Example", "DSL", passphrase, school="Fictionton Primary Academy"
    )
    try:
        store = RecordStore(vault)
        summary = build_demo(store, children=args.children, seed=args.seed, progress=_progress_bar("Building demo"))
        if args.sample_output:
            _write_samples(store, Path(args.sample_output))
    finally:
        vault.lock()
    print(f"Demo casebook with {summary.children} fictional children and {summary.records} records in {directory}.")
    return 0


def _write_samples(store: Any, out_dir: Path) -> None:
    """Sample output for ``make demo``: one child's case bundle and, where available, PDFs."""
    from dslapp.services.bundle import export_bundle
    from dslapp.services.children import list_children

    out_dir.mkdir(parents=True, exist_ok=True)
    children = list_children(store)
    if not children:
        return
    chosen = max(children, key=lambda c: store.db.scalar("SELECT count(*) FROM records WHERE child_id = ?", (c.id,)))
    export_bundle(store, chosen.id, out_dir / "sample-case-bundle.json")
    try:
        from dslapp.export.chronology_pdf import export_chronology_pdf
    except ImportError:
        return
    export_chronology_pdf(store, chosen.id, out_dir / "sample-chronology.pdf")
    print(f"Sample output written to {out_dir}.")


def cmd_children(args: argparse.Namespace) -> int:
    from dslapp.models.child import STATUS_LABELS
    from dslapp.services.children import list_children

    store = _open(args)
    try:
        children = list_children(store)
    finally:
        store.vault.lock()
    if args.json:
        _print_json([c.as_json() for c in children])
        return 0
    for child in children:
        print(f"{child.id[:8]}  {child.dob:%d/%m/%Y}  {STATUS_LABELS[child.status]:<28} {child.display_name}")
    print(f"{len(children)} children.", file=sys.stderr)
    return 0


def cmd_today(args: argparse.Namespace) -> int:
    from dslapp.services.today import SECTIONS, today

    on = args.on or date.today()
    store = _open(args)
    try:
        sections = today(store, on)
    finally:
        store.vault.lock()
    if args.json:
        _print_json({"on": on.isoformat(), **{k: [i.as_json() for i in v] for k, v in sections.items()}})
        return 0
    print(f"Today, {on:%A %d/%m/%Y}")
    for key, label in SECTIONS.items():
        items = sections[key]
        print(f"\n{label} ({len(items)})")
        for item in items:
            due = f"{item.due:%d/%m/%Y}" if item.due else "          "
            flag = "OVERDUE " if item.overdue else ""
            print(f"  {due}  {flag}{item.child_name}: {item.title}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from dslapp.services.bundle import import_bundle, read_bundle_file

    bundle = read_bundle_file(Path(args.file))  # validated before the vault is opened
    store = _open(args)
    try:
        child, _changes = import_bundle(store, bundle)
    finally:
        store.vault.lock()
    print(f"Imported {child.display_name} with {len(bundle.records()) - 1} records (id {child.id}).")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    password = _read_stdin_line("PDF password") if args.pdf_password_stdin else None
    if args.pdf_password_stdin and args.what == "bundle":
        raise UsageError("A case bundle is JSON; --pdf-password-stdin applies to PDF exports only.")
    store = _open(args)
    try:
        child_id = _resolve_child(store, args.child)
        out = Path(args.out).expanduser()
        if args.what == "bundle":
            from dslapp.services.bundle import export_bundle

            export_bundle(store, child_id, out)
        elif args.what == "chronology":
            from dslapp.export.chronology_pdf import export_chronology_pdf

            export_chronology_pdf(store, child_id, out, password=password, since=args.since, until=args.until)
        else:
            raise CasebookError(f"Exporting a {args.what} is not available in this version yet.")
    finally:
        store.vault.lock()
    note = "" if password or args.what == "bundle" else " (not password protected)"
    print(f"Exported to {out}{note}.")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from dslapp.vault.backup import backup

    store = _open(args)
    try:
        info = backup(store.vault, Path(args.out))
    finally:
        store.vault.lock()
    print(f"Backup written and verified: {info.path} ({info.records} records, {info.size // 1024} KB).")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from dslapp.vault.backup import restore

    moved = restore(_vault_dir(args), Path(args.file), _passphrase(args), user_id=_user_id(args))
    print("Restored the casebook from the backup.")
    if moved:
        print(f"The previous database was kept as {moved}.")
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from dslapp.vault.audit import verify

    store = _open(args)
    try:
        report = verify(store.vault.db)
    finally:
        store.vault.lock()
    if report.ok:
        print(f"Audit trail verified: {report.rows} rows, unbroken.")
        return 0
    print(f"Audit trail broken at row {report.first_bad_seq}: {report.problem}.", file=sys.stderr)
    return 1


def cmd_bench(args: argparse.Namespace) -> int:
    from dslapp.bench import run_bench

    results = run_bench(children=args.children, progress=_progress_bar("Benchmark"))
    if args.json:
        _print_json(results)
    else:
        for key, value in results.items():
            print(f"{key:<45} {value}")
    return 0


def cmd_app(args: argparse.Namespace) -> int:
    import importlib

    try:  # imported by name so the Qt-free core never imports ui/ at module level
        app = importlib.import_module("ui.app")
    except ImportError as exc:
        raise CasebookError(f"The desktop app could not start: {exc}.") from exc
    return int(app.main([]))


# ---- parser -----------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dslapp",
        description=f"{APP_NAME}: an encrypted, offline casebook for Designated Safeguarding Leads. "
        "With no command, starts the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.set_defaults(func=cmd_app)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, func: Callable[[argparse.Namespace], int], help_text: str) -> argparse.ArgumentParser:
        cmd = sub.add_parser(name, help=help_text, description=help_text)
        cmd.add_argument(
            "--vault", metavar="DIR", help="the casebook folder (default: DSLAPP_HOME or your data folder)"
        )
        cmd.set_defaults(func=func)
        return cmd

    def unlocking(cmd: argparse.ArgumentParser) -> argparse.ArgumentParser:
        cmd.add_argument(
            "--passphrase-stdin", action="store_true", help=f"read the passphrase from stdin, not {PASSPHRASE_ENV}"
        )
        cmd.add_argument("--user", metavar="NAME", help="whose passphrase it is (default: try each user)")
        return cmd

    init = unlocking(command("init", cmd_init, "create an empty casebook and print its recovery key once"))
    init.add_argument("--name", required=True, help="your name, as it will appear on records")
    init.add_argument("--role", default="DSL", help="your role (default: DSL)")
    init.add_argument("--school", default="", help="the school's name")

    demo = unlocking(command("demo", cmd_demo, "create a casebook of fictional demo cases"))
    demo.add_argument("--children", type=int, default=40, help="how many fictional children (default 40)")
    demo.add_argument("--seed", type=int, default=2026, help="seed for the fictional data (default 2026)")
    demo.add_argument("--sample-output", metavar="DIR", help="also write sample exports here (outside the vault)")

    children = unlocking(command("children", cmd_children, "list the children: id, names, date of birth, status"))
    children.add_argument("--json", action="store_true", help="print JSON")

    today = unlocking(command("today", cmd_today, "the DSL's day: overdue actions, reviews due, referrals awaiting"))
    today.add_argument("--on", type=_parse_date, help="the day to show (default: today)")
    today.add_argument("--json", action="store_true", help="print JSON")

    imp = unlocking(command("import", cmd_import, "add a child from a case bundle (JSON)"))
    imp.add_argument("file", metavar="FILE.json")

    export = unlocking(command("export", cmd_export, "export a child's case bundle or PDFs"))
    export.add_argument("what", choices=["bundle", "chronology", "mash", "pack"])
    export.add_argument("--child", required=True, metavar="ID", help="the child's id (or its first characters)")
    export.add_argument("--out", required=True, metavar="FILE", help="the file to write")
    export.add_argument("--pdf-password-stdin", action="store_true", help="read a PDF password from stdin (AES-256)")
    export.add_argument("--from", dest="since", type=_parse_date, metavar="DATE", help="chronology from this date")
    export.add_argument("--to", dest="until", type=_parse_date, metavar="DATE", help="chronology up to this date")

    bak = unlocking(command("backup", cmd_backup, "write a verified, encrypted backup file"))
    bak.add_argument("--out", required=True, metavar="FILE", help="the backup file (or a folder to put it in)")

    res = unlocking(command("restore", cmd_restore, "restore the casebook from a backup (the current file is kept)"))
    res.add_argument("file", metavar="FILE")

    aud = command("audit", cmd_audit_verify, "check the audit trail")
    aud.add_argument("action", choices=["verify"], help="verify: check every row of the hash chain")
    unlocking(aud)

    bench = sub.add_parser("bench", help="measure performance on a large fictional dataset")
    bench.add_argument("--children", type=int, default=1000, help="children in the dataset (default 1000)")
    bench.add_argument("--json", action="store_true", help="print one JSON object")
    bench.set_defaults(func=cmd_bench)
    return parser


def _fail(message: str, code: int = 1) -> NoReturn:
    print(f"dslapp: {message}", file=sys.stderr)
    raise SystemExit(code)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except UsageError as exc:
        _fail(str(exc), 2)
    except CasebookError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        _fail("stopped. Nothing that was saved has been lost.", 130)
    except Exception as exc:  # never a traceback: case data could be in it
        _fail(f"something unexpected went wrong ({type(exc).__name__}). Nothing that was saved has been lost.")


if __name__ == "__main__":
    raise SystemExit(main())

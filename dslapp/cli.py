"""The ``dslapp`` command: a thin argparse layer over the services (DESIGN §5).

Exit codes: 0 ok, 1 a problem explained in one line on stderr (never a traceback), 2 usage.

Each command imports the services it uses when it runs, so ``dslapp --version`` and ``--help`` answer at once
without loading the vault, Qt or reportlab. That is the only reason for the imports inside functions here
(and in ``bench``); the rest of the core imports at the top (``tests/core/test_layers.py`` checks).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, NoReturn

from dslapp import APP_NAME, __version__
from dslapp.console import ensure_standard_streams
from dslapp.errors import (
    AmbiguousId,
    CasebookError,
    RecordNotFound,
    UsageError,
    UserNotFound,
    VaultDamaged,
    check_user_name,
)
from dslapp.text import for_terminal, needs_escape, one_line, quote_for_message

PASSPHRASE_ENV = "DSLAPP_PASSPHRASE"
TRANSFER_PASSPHRASE_ENV = "DSLAPP_TRANSFER_PASSPHRASE"


# ---- helpers ----------------------------------------------------------------------------------


def _default_vault_dir() -> Path:
    from dslapp.config import default_vault_dir  # loads pydantic: not needed for --version or --help

    return default_vault_dir()


def _vault_dir(args: argparse.Namespace) -> Path:
    return Path(args.vault).expanduser() if args.vault else _default_vault_dir()


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


@contextlib.contextmanager
def _unlocked(args: argparse.Namespace, passphrase: str | None = None) -> Iterator[Any]:
    """The vault's record store for one command; locked again (with its automatic backup) however it ends."""
    store = _open(args, passphrase)
    try:
        yield store
    except BaseException:
        # the command's own error is the one line shown; a second failure while locking must not replace it
        with contextlib.suppress(Exception):
            store.vault.lock()
        args.lock_warnings = []
        raise
    store.vault.lock()


def _open(args: argparse.Namespace, passphrase: str | None = None) -> Any:
    from dslapp.logs import LogEvent, log
    from dslapp.services import casebook

    entered = _passphrase(args) if passphrase is None else passphrase
    opened = casebook.unlock(_vault_dir(args), entered, user_id=_user_id(args)).casebook
    args.lock_warnings = []
    casebook.when_locked(opened, lambda locking: _auto_backup_on_lock(locking, args.lock_warnings))
    log(LogEvent.UNLOCK_OK)
    args.entered_passphrase = entered  # for confirm_passphrase before an export that leaves the vault
    return opened


def _auto_backup_on_lock(vault: Any, warnings: list[str]) -> None:
    """The rolling automatic backup, taken as the command locks the vault. A failure is a warning, shown (one
    line) only when the command itself succeeded: otherwise the command's own error is the line shown."""
    from dslapp.config import Settings
    from dslapp.services import casebook

    settings = Settings.load()
    if settings.problem is not None:
        warnings.append(f"warning: {settings.problem}")
    try:
        made = casebook.auto_backup(vault, settings)
    except CasebookError as exc:
        warnings.append(f"warning: the automatic backup was not made: {exc}")
        return
    except Exception as exc:
        warnings.append(f"warning: the automatic backup was not made ({type(exc).__name__}).")
        return
    if made is not None and made.held:
        warnings.append(
            f"warning: the casebook now holds far fewer records than {len(made.held)} recent backup(s), so they are "
            "kept out of the rotation. If records were disposed of on purpose: dslapp backup --confirm-smaller"
        )


def _confirm_passphrase(store: Any, args: argparse.Namespace) -> None:
    """Re-check the passphrase against the user's key wrap before data leaves the vault (DESIGN §3)."""
    from dslapp.services import casebook

    casebook.confirm_passphrase(store, getattr(args, "entered_passphrase", ""))


def _user_id(args: argparse.Namespace) -> str | None:
    name = getattr(args, "user", None)
    if not name:
        return None
    from dslapp.services import casebook

    for user in casebook.users_of(_vault_dir(args)):
        if user.name.casefold() == name.casefold() or user.id == name:
            return user.id
    raise UserNotFound(f"There is no user called {quote_for_message(name)} in this casebook.")


def _parse_date(text: str) -> date:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"{quote_for_message(text)} is not a date; use dd/mm/yyyy or yyyy-mm-dd")


def _resolve_child(store: Any, text: str) -> str:
    """A child id, or a unique prefix of one (as printed by ``dslapp children``)."""
    return _resolve_id(store, "child", text, "No child in this casebook", "child's")


def _resolve_id(store: Any, kind: str, text: str, nobody: str, whose: str) -> str:
    """The id of the one record of ``kind`` whose id is ``text`` or starts with it; else a kind error."""
    from dslapp.store import queries as store_queries

    rows = store_queries.ids_starting(store.db, kind, text)
    if len(rows) == 1:
        return rows[0]
    if not rows:
        raise RecordNotFound(f"{nobody} has the id {quote_for_message(text)}.")
    raise AmbiguousId(f"More than one {whose} id starts with {quote_for_message(text)}; give more of it.")


def _print_json(data: Any) -> None:
    """JSON as stored, readable in any script; control, invisible and bidirectional characters (and broken
    ones) written as JSON escapes, so the values are exact and the terminal shows them safely."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    print("".join(_json_escape(ch) if ch >= "\x7f" and needs_escape(ch) else ch for ch in text))


def _json_escape(ch: str) -> str:
    code = ord(ch)
    if code > 0xFFFF:  # a UTF-16 pair, as JSON writes characters beyond the first plane
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


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
    from dslapp.services import casebook

    check_user_name(args.name)
    passphrase = _passphrase(args)
    casebook.check_new_passphrase(passphrase, args.name, args.school)
    print("Calibrating key derivation for this computer (about a second)…", file=sys.stderr)
    recovery_key = casebook.create_empty(
        _vault_dir(args), name=args.name, role=args.role, school=args.school, passphrase=passphrase
    )
    print(f"Created a new casebook in {for_terminal(str(_vault_dir(args)))}.")
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
    print(
        f"Demo casebook with {summary.children} fictional children and {summary.records} records "
        f"in {for_terminal(str(directory))}."
    )
    return 0


def _write_samples(store: Any, out_dir: Path) -> None:
    """Sample output for ``make demo``: the busiest child's case bundle, chronology and referral pack."""
    from dslapp.services.bundle import export_bundle
    from dslapp.services.children import list_children

    out_dir.mkdir(parents=True, exist_ok=True)
    children = list_children(store)
    if not children:
        return
    from dslapp.store import queries as store_queries

    chosen = max(children, key=lambda c: store_queries.records_of_child(store.db, c.id))
    export_bundle(store, chosen.id, out_dir / "sample-case-bundle.json")
    from dslapp.services.documents import export_chronology_pdf, export_referral_pack

    export_chronology_pdf(store, chosen.id, out_dir / "sample-chronology.pdf")
    export_referral_pack(store, chosen.id, out_dir / "sample-referral-pack.pdf")
    print(f"Sample output written to {for_terminal(str(out_dir))}.")


def cmd_children(args: argparse.Namespace) -> int:
    from dslapp.models.child import STATUS_LABELS
    from dslapp.services.children import list_children

    if args.with_social_worker:
        return _children_with_social_worker(args)
    with _unlocked(args) as store:
        children = list_children(store)
    if args.json:
        _print_json([c.as_json() for c in children])
        return 0
    for child in children:
        name = for_terminal(child.display_name)
        print(f"{child.id[:8]}  {child.dob:%d/%m/%Y}  {STATUS_LABELS[child.status]:<28} {name}")
    print(f"{len(children)} children.", file=sys.stderr)
    return 0


def _children_with_social_worker(args: argparse.Namespace) -> int:
    """The DSL's oversight list: children with a CIN or CP plan, a section 47 enquiry or looked after, today."""
    from dslapp.services.statutory import children_with_social_worker

    with _unlocked(args) as store:
        rows = children_with_social_worker(store, date.today())
    if args.json:
        _print_json([r.as_json() for r in rows])
        return 0
    for row in rows:
        plans = "; ".join(row.plans)
        workers = ", ".join(row.social_workers) or "social worker not recorded"
        print(f"{row.child_id[:8]}  {for_terminal(row.name)}  {for_terminal(plans)}  ({for_terminal(workers)})")
    print(f"{len(rows)} children with a social worker.", file=sys.stderr)
    return 0


def cmd_today(args: argparse.Namespace) -> int:
    from dslapp.services.today import SECTIONS, today

    on = args.on or date.today()
    with _unlocked(args) as store:
        sections = today(store, on)
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
            print(f"  {due}  {flag}{for_terminal(item.child_name)}: {for_terminal(item.title)}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from dslapp.services.bundle import import_bundle, read_bundle_file

    bundle = read_bundle_file(Path(args.file))  # validated before the vault is opened
    with _unlocked(args) as store:
        child = import_bundle(store, bundle).value
    print(f"Imported {for_terminal(child.display_name)} with {len(bundle.records()) - 1} records (id {child.id}).")
    return 0


def cmd_roll_import(args: argparse.Namespace) -> int:
    from dslapp.services import roll

    table = roll.read_roll_file(Path(args.file))  # read before the vault is opened: a bad file changes nothing
    columns = roll.read_mapping_file(Path(args.columns)) if args.columns else None
    with _unlocked(args) as store:
        mapping = columns if columns is not None else roll.mapping_for(store, table)
        wanted = {u.replace(" ", "").upper() for u in args.add or []}
        preview = roll.preview_roll(store, table, mapping)
        add = {m.pupil.key for m in preview.new_pupils if m.pupil.upn in wanted}
        unknown = sorted(wanted - {m.pupil.upn for m in preview.new_pupils})
        report = roll.import_roll(store, table, mapping, add=add, dry_run=args.dry_run).value
    if args.json:
        _print_json(report.as_json())
        return 0
    lead = "Dry run, nothing was changed: the roll would hold" if report.dry_run else "The school roll now holds"
    print(f"{lead} {report.on_roll} pupils (read as {table.encoding}, fields separated by {table.delimiter!r}).")
    verb = "Would add" if report.dry_run else "Added"
    print(f"{verb} {len(report.added)} as children with a file:")
    for name, child_id in report.added:
        print(f"  + {for_terminal(name)}" + (f" (id {child_id})" if child_id else ""))
    verb = "Would update" if report.dry_run else "Updated"
    print(f"{verb} {len(report.updated)} children from the roll (each an amendment with its reason):")
    for name, _child_id, fields in report.updated:
        print(f"  ~ {for_terminal(name)}: {', '.join(f.replace('_', ' ') for f in fields)}")
    print(f"Already up to date: {report.unchanged}. On the roll without a file: {report.not_chosen}.")
    print(f"Skipped {len(report.skipped)} rows:")
    for skip in report.skipped:
        print(f"  - row {skip.row} ({for_terminal(skip.who)}): {for_terminal(skip.reason)}")
    for upn in unknown:
        print(
            f"note: --add {for_terminal(upn)}: no pupil with that UPN is on the roll without a file, so none was added."
        )
    return 0


def cmd_attach(args: argparse.Namespace) -> int:
    from dslapp.services.attachments import attach_path, read_attachment_file

    path = Path(args.file).expanduser()
    read_attachment_file(path)  # refused (too large, unreadable) before the vault is opened
    with _unlocked(args) as store:
        child_id = _resolve_child(store, args.child)
        to = _resolve_attach_target(store, args.to) if args.to else None
        attachment = attach_path(store, child_id, path, to=to, title=args.title or "", original_of=args.original).value
    print(f"Attached {for_terminal(attachment.shown_name)} ({attachment.media_type.label}, {attachment.size} bytes).")
    print(f"id {attachment.id}")
    print(f"sha256 {attachment.stored_sha256}")
    if attachment.original_sha256 != attachment.stored_sha256:
        print(f"original-sha256 {attachment.original_sha256} (as given; location details taken out)")
    if attachment.changes_made:
        print(for_terminal(attachment.changes_made))
    return 0


def _resolve_attach_target(store: Any, text: str) -> str:
    """The concern, Early Help review or referral whose id is ``text`` or starts with it."""
    from dslapp.services.attachments import ATTACHABLE_TO
    from dslapp.store import queries as store_queries

    rows = [row for cls in ATTACHABLE_TO for row in store_queries.ids_starting(store.db, cls.KIND, text)]
    if len(rows) == 1:
        return rows[0]
    if not rows:
        raise RecordNotFound(f"No concern, Early Help review or referral has the id {quote_for_message(text)}.")
    raise AmbiguousId(f"More than one record's id starts with {quote_for_message(text)}; give more of it.")


def cmd_export(args: argparse.Namespace) -> int:
    if args.what == "plain":
        return _export_plain(args)
    if args.what == "blank-concern-form":
        return _export_blank_form(args)
    if not args.child:
        raise UsageError(f"Say which child to export with --child ID (exporting a {args.what}).")
    password = _read_stdin_line("PDF password") if args.pdf_password_stdin else None
    if args.pdf_password_stdin and args.what == "bundle":
        raise UsageError("A case bundle is JSON; --pdf-password-stdin applies to PDF exports only.")
    with _unlocked(args) as store:
        child_id = _resolve_child(store, args.child)
        out = Path(args.out).expanduser()
        if args.what == "bundle":
            from dslapp.services.bundle import export_bundle

            _confirm_passphrase(store, args)
            export_bundle(store, child_id, out)
        elif args.what == "chronology":
            from dslapp.services.documents import export_chronology_pdf

            export_chronology_pdf(store, child_id, out, password=password, since=args.since, until=args.until)
        elif args.what == "mash":
            from dslapp.services.documents import export_mash_pdf

            export_mash_pdf(store, child_id, out, password=password)
        elif args.what == "pack":
            from dslapp.services.documents import export_referral_pack

            export_referral_pack(store, child_id, out, password=password, progress=_progress_bar("Building pack"))
        else:
            raise CasebookError(f"Exporting a {args.what} is not available in this version yet.")
    note = "" if password or args.what == "bundle" else " (not password protected)"
    print(f"Exported to {for_terminal(str(out))}{note}.")
    return 0


def _export_blank_form(args: argparse.Namespace) -> int:
    """The school's blank concern form for staff: no case data, so never encrypted and no passphrase again."""
    from dslapp.services.documents import export_blank_concern_form

    if args.child or args.pdf_password_stdin:
        raise UsageError("The blank concern form holds no case data: it takes no --child and no PDF password.")
    with _unlocked(args) as store:
        out = Path(args.out).expanduser()
        result = export_blank_concern_form(store, out)
    print(f"Blank concern form written to {for_terminal(str(out))} ({result.pages} pages).")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from dslapp.services import casebook

    if args.confirm_smaller:
        with _unlocked(args) as store:
            casebook.confirm_smaller_casebook(store)
        print("Noted: older, larger automatic backups may now rotate out as usual.")
        return 0
    if not args.out:
        raise UsageError("Say where to write the backup with --out FILE (or a folder).")
    with _unlocked(args) as store:
        info = casebook.back_up_to(store, Path(args.out))
    print(
        f"Backup written and verified: {for_terminal(str(info.path))} ({info.records} records, {info.size // 1024} KB)."
    )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from dslapp.services import casebook

    moved = casebook.restore(_vault_dir(args), Path(args.file), _passphrase(args), user_id=_user_id(args))
    print("Restored the casebook from the backup.")
    if moved:
        print(f"The previous database was kept as {for_terminal(str(moved))}.")
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from dslapp.services import casebook, team

    with _unlocked(args) as store:
        report = casebook.verify(store)
        trails = team.device_trails(store)
    broken = [
        f"the audit trail from the team's device {t.name} ({t.device_id[:8]}): {p}" for t in trails for p in t.problems
    ]
    if report.ok and not broken:
        print(
            f"Audit trail verified: {report.rows} rows, unbroken; {report.records_checked} records match their seals; "
            "every page of the database checks out."
        )
        for trail in trails:
            print(f"Team device {for_terminal(trail.name)} ({trail.device_id[:8]}): {trail.rows} rows, unbroken.")
        return 0
    problems = [*report.problems, *broken]
    for problem in problems:
        print(f"- {problem}")
    first = problems[0]
    extra = len(problems) - 1
    more = f" (and {extra} more, listed above)" if extra > 0 else ""
    print(f"dslapp: the audit trail does not verify: {first}{more}.", file=sys.stderr)
    return 1


# ---- the team casebook ------------------------------------------------------------------------------


def _print_sync(report: Any) -> None:
    print(f"Team sync: {report.sent} change file(s) written, {report.applied} taken in, {report.waiting} waiting.")
    if report.staff_taken_in:
        print(f"New concerns from staff: {report.staff_taken_in} (see Today).")
    for line in report.rejected:
        print(f"dslapp: {for_terminal(line)}", file=sys.stderr)
    for line in report.ignored:
        print(f"note: {for_terminal(line)}")


def cmd_team_create(args: argparse.Namespace) -> int:
    from dslapp.services import team

    with _unlocked(args) as store:
        made = team.create_team(store, Path(args.folder)).value
    print(f"This casebook is now the first device of a team casebook shared through {for_terminal(made.folder)}.")
    print(f"This device: {made.device_id}. Invite a deputy with: dslapp team invite --vault DIR")
    return 0


def cmd_team_invite(args: argparse.Namespace) -> int:
    from dslapp.services import team

    with _unlocked(args) as store:
        invitation = team.invite(store).value
    print("ENROLMENT CODE (shown once; read it to the new member, do not email it):")
    print(f"    {invitation.code}")
    print(
        f"It works once, until {invitation.expires_at.strftime('%d/%m/%Y %H:%M')}, for device {invitation.device_id}."
    )
    return 0


def cmd_team_join(args: argparse.Namespace) -> int:
    from dslapp.services import casebook, team

    check_user_name(args.name)
    passphrase = _passphrase(args)
    joined = team.join_team(
        _vault_dir(args),
        Path(args.folder),
        args.code,
        name=args.name,
        role=args.role,
        passphrase=passphrase,
        school=args.school,
    )
    casebook.lock(joined.casebook)
    print(f"Joined the team: this casebook is in {for_terminal(str(_vault_dir(args)))} (device {joined.device_id}).")
    _print_sync(joined.report)
    print()
    print("RECOVERY KEY for this laptop's copy (shown once; keep it in the school safe):")
    print(f"    {joined.recovery_key}")
    return 0


def cmd_team_sync(args: argparse.Namespace) -> int:
    from dslapp.services import team

    with _unlocked(args) as store:
        report = team.sync(store).value
    _print_sync(report)
    return 1 if report.rejected else 0


def cmd_team_status(args: argparse.Namespace) -> int:
    from dslapp.services import team

    with _unlocked(args) as store:
        state = team.status(store)
    if args.json:
        _print_json(state.as_json())
        return 0
    if not state.in_team:
        print("This casebook is not part of a team.")
        return 0
    last = _when(state.last_merge)
    print(f"Team folder: {for_terminal(state.folder)}")
    print(f"Last merge: {last}; pending changes: {state.pending}; waiting files: {state.waiting}.")
    if state.removed:
        print("This laptop has been removed from the team.")
    for device in state.devices:
        marks = " (this laptop)" if device.this_device else ""
        marks += " (removed)" if device.removed else ""
        role = f", {device.role}" if device.role else ""
        print(f"- {device.device_id[:8]}  {for_terminal(device.name)}{for_terminal(role)}{marks}")
    for line in state.rejected:
        print(f"rejected: {for_terminal(line)}")
    return 0


def _when(text: str | None) -> str:
    if not text:
        return "never"
    return datetime.fromisoformat(text).astimezone().strftime("%d/%m/%Y %H:%M")


def _contact(text: str) -> Any:
    from dslapp.team.staff_drop import TeamContact

    parts = [p.strip() for p in text.split("|")]
    if not parts[0] or len(parts) > 4:
        raise UsageError(
            "Give each --contact as 'Name|Role|Phone|Where to find them' (role, phone and where optional)."
        )
    return TeamContact(**dict(zip(("name", "role", "phone", "where"), parts, strict=False)))


def _roll(path: str | None) -> list[Any]:
    """The optional roll for staff mode's type-ahead: a JSON list of {"name", "year_group"}. (The school-roll
    import will supply this from the casebook; until then a file.)"""
    from pydantic import ValidationError

    from dslapp.team.staff_drop import RollEntry

    if not path:
        return []
    try:
        raw = json.loads(Path(path).read_bytes())
        return [RollEntry.model_validate(entry) for entry in raw]
    except (OSError, ValueError, TypeError, ValidationError) as exc:
        raise UsageError(
            f"The roll file {quote_for_message(path)} must be a JSON list of names and year groups."
        ) from exc


def cmd_team_reporting_key(args: argparse.Namespace) -> int:
    from dslapp.services import staff_reports

    contacts = [_contact(c) for c in args.contact or []]
    roll = _roll(args.roll)
    drop = Path(args.drop) if args.drop else None
    with _unlocked(args) as store:
        rotating = staff_reports.current_key(store) is not None and not args.keep
        config = staff_reports.reporting_key_and_config(
            store,
            Path(args.out),
            rotate=not args.keep,
            drop=drop,
            contacts=contacts,
            roll=roll,
            paper_form=args.paper_form,
        ).value
    if rotating:
        print(
            f"A new reporting key (key {config.key_id}) replaces the old one; concerns sealed to earlier keys still "
            "open in the team's casebooks. Staff computers need the new configuration file."
        )
    else:
        print(f"The reporting key is ready (key {config.key_id}).")
    print(f"Staff configuration written to {for_terminal(args.out)}: give it to IT to deploy with the program.")
    if not config.drop_folder:
        print("note: no drop folder is set; pass --drop DIR (a folder staff computers can write to).")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from dslapp.services.staff_mode import StaffMode, account_from, default_config_path
    from dslapp.team.staff_drop import read_config

    config = read_config(Path(args.config) if args.config else default_config_path())
    drop = Path(args.drop) if args.drop else None
    if not args.from_file:
        import importlib

        try:  # imported by name so the Qt-free core never imports ui/ at module level
            window = importlib.import_module("ui.staff_app")
        except ImportError as exc:
            raise CasebookError(f"Staff mode could not start: {exc}.") from exc
        return int(window.main(config, drop))
    try:
        fields = json.loads(Path(args.from_file).read_bytes())
        if not isinstance(fields, dict):
            raise ValueError("not an object")
    except (OSError, ValueError) as exc:
        raise UsageError(f"{quote_for_message(args.from_file)} is not a JSON object of the concern's fields.") from exc
    mode = StaffMode(config, drop=drop)
    mode.deliver_waiting()
    submitted = mode.submit(account_from(fields))
    print(submitted.receipt)
    if not submitted.delivered:
        print(
            "Not yet delivered: the drop folder cannot be reached, so the sealed concern waits on this computer. "
            "If it is urgent, tell the DSL in person now.",
            file=sys.stderr,
        )
    return 0


def cmd_team_remove(args: argparse.Namespace) -> int:
    from dslapp.services import team

    with _unlocked(args) as store:
        team.remove_device(store, args.device)
    print(
        f"Device {for_terminal(args.device)} is removed: its later change files are refused, and a new team key "
        "protects everything written from now on."
    )
    return 0


def _export_plain(args: argparse.Namespace) -> int:
    """The whole casebook as an unencrypted SQLite file (so a school is never locked in)."""
    from dslapp.services import casebook

    if args.child or args.pdf_password_stdin:
        raise UsageError("export plain writes the whole casebook; it takes no --child or --pdf-password-stdin.")
    out = Path(args.out).expanduser()
    with _unlocked(args) as store:
        casebook.export_plain(store, getattr(args, "entered_passphrase", ""), out)
    print(f"Exported the whole casebook, unencrypted, to {for_terminal(str(out))}.")
    print("Anyone who can read that file can read every record: keep it safe and delete it when done.")
    return 0


def _transfer_passphrase() -> str:
    value = os.environ.get(TRANSFER_PASSPHRASE_ENV)
    if value:
        return value
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass("One-time passphrase for the transfer pack: ")
    line = sys.stdin.readline()
    if not line:
        raise UsageError(
            f"Give the transfer pack's one-time passphrase in {TRANSFER_PASSPHRASE_ENV} or on standard input."
        )
    return line.rstrip("\r\n")


def _resolve_transfer(store: Any, text: str) -> str:
    """A transfer record's id, or a unique prefix of one (as printed by ``dslapp transfer export``)."""
    return _resolve_id(store, "transfer", text, "No CP file transfer in this casebook", "transfer's")


def cmd_transfer_export(args: argparse.Namespace) -> int:
    from dslapp.services.transfer import export_transfer

    with _unlocked(args) as store:
        child_id = _resolve_child(store, args.child)
        pack = export_transfer(
            store, child_id, Path(args.out), args.to_school, args.to_dsl or "", from_school=args.from_school
        )
    print(f"Transfer pack:   {for_terminal(str(pack.pack_path))}")
    print(f"Covering letter: {for_terminal(str(pack.letter_path))}")
    print(f"Transfer id:     {pack.transfer.id}")
    print()
    print("ONE-TIME PASSPHRASE (shown once; give it to the receiving DSL by a separate route, such as a phone call,")
    print("never in the same email or envelope as the pack):")
    print(f"    {pack.passphrase}")
    print()
    print(
        f"{for_terminal(pack.child.display_name)} is now marked as transferred; the record is kept here. "
        "When the receiving DSL "
        f"reads you the receipt code, record it with: dslapp transfer receipt --transfer {str(pack.transfer.id)[:8]} "
        "--code CODE"
    )
    return 0


def cmd_transfer_import(args: argparse.Namespace) -> int:
    from dslapp.services.transfer import import_opened_pack, open_transfer_pack

    passphrase = _passphrase(args)
    opened = open_transfer_pack(Path(args.file), _transfer_passphrase())  # checked before the vault is opened
    with _unlocked(args, passphrase) as store:
        child, receipt_code = import_opened_pack(store, opened)
    sender = opened.contents
    print(
        f"Imported {for_terminal(child.display_name)} (id {child.id}) with their full CP file, "
        f"received from {for_terminal(sender.from_school)}."
    )
    print(f"RECEIPT CODE: {receipt_code}")
    who = f"{sender.from_dsl} at {sender.from_school}" if sender.from_dsl else sender.from_school
    print(f"Give this code to {for_terminal(who)} to confirm that the CP file arrived.")
    return 0


def cmd_transfer_receipt(args: argparse.Namespace) -> int:
    from dslapp.models import Transfer
    from dslapp.services.transfer import record_receipt

    with _unlocked(args) as store:
        transfer_id = _resolve_transfer(store, args.transfer)
        sent = store.get_as(Transfer, transfer_id)
        received_by = args.received_by or sent.other_dsl or f"the DSL at {sent.other_school}"
        transfer = record_receipt(store, transfer_id, args.code, received_by).value
    sent_on = f" on {transfer.sent_on:%d/%m/%Y}" if transfer.sent_on else ""
    print(
        f"Receipt confirmed: the CP file sent to {for_terminal(transfer.other_school)}{sent_on} was received by "
        f"{for_terminal(transfer.receipt_by)}. The transfer is closed."
    )
    return 0


def cmd_retention_list(args: argparse.Namespace) -> int:
    from dslapp.services.retention import past_retention

    on = args.on or date.today()
    with _unlocked(args) as store:
        items = past_retention(store, on)
    if args.json:
        _print_json(
            [
                {"child_id": i.child_id, "retain_until": i.retain_until.isoformat(), "status": i.status.value}
                for i in items
            ]
        )
        return 0
    for item in items:
        print(f"{item.child_id[:8]}  kept until {item.retain_until:%d/%m/%Y}  {for_terminal(item.display_name)}")
    print(f"{len(items)} CP files past their retention date on {on:%d/%m/%Y}.", file=sys.stderr)
    return 0


def cmd_retention_dispose(args: argparse.Namespace) -> int:
    from dslapp.services.retention import dispose

    with _unlocked(args) as store:
        child_id = _resolve_child(store, args.child)
        disposal = dispose(store, child_id, args.reason, args.decided_by or store.vault.user.label).value
    print(f"Disposed of the CP file ({disposal.records_removed} records). The decision is kept in the audit trail.")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from dslapp.bench import run_bench

    if args.growth:
        from dslapp.bench import run_growth

        sizes = tuple(int(n) for n in args.sizes.split(","))
        growth = run_growth(sizes, Path(args.out), progress=_progress_bar("Benchmark"))
        if args.json:
            _print_json(growth)
        print(f"Wrote {args.out}")
        return 0
    results = run_bench(children=args.children, progress=_progress_bar("Benchmark"), smoke=args.smoke)
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


class _Parser(argparse.ArgumentParser):
    """argparse, with the input its usage errors quote ("unrecognized arguments: …") kept on one line."""

    def error(self, message: str) -> NoReturn:
        super().error(one_line(message))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="dslapp",
        description=f"{APP_NAME}: an encrypted, offline casebook for Designated Safeguarding Leads. "
        "With no command, starts the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.set_defaults(func=cmd_app)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, func: Callable[[argparse.Namespace], int], help_text: str) -> argparse.ArgumentParser:
        return _vault_command(sub, name, func, help_text)

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
    children.add_argument(
        "--with-social-worker",
        action="store_true",
        help="only children with a CIN or CP plan, a section 47 enquiry or looked after (the DSL's oversight list)",
    )

    today = unlocking(command("today", cmd_today, "the DSL's day: overdue actions, reviews due, referrals awaiting"))
    today.add_argument("--on", type=_parse_date, help="the day to show (default: today)")
    today.add_argument("--json", action="store_true", help="print JSON")

    imp = unlocking(command("import", cmd_import, "add a child from a case bundle (JSON)"))
    imp.add_argument("file", metavar="FILE.json", help="the case bundle to add")

    attach = unlocking(command("attach", cmd_attach, "attach a PDF, PNG, JPEG or HEIC file, sealed in the vault"))
    attach.add_argument("--child", required=True, metavar="ID", help="the child's id (or its first characters)")
    attach.add_argument("--to", metavar="RECORD_ID", help="the concern, Early Help review or referral it belongs to")
    attach.add_argument("--title", metavar="TEXT", help="what the file is (e.g. 'Scanned concern form')")
    attach.add_argument("--original", action="store_true", help="it is the original of that record (a scanned form)")
    attach.add_argument("file", metavar="FILE", help="the file to attach (at most 25 MB)")

    export = unlocking(command("export", cmd_export, "export a child's case bundle or PDFs"))
    export.add_argument(
        "what",
        choices=["bundle", "chronology", "mash", "pack", "plain", "blank-concern-form"],
        help="bundle (JSON), chronology, mash (enquiry) or pack (PDFs), plain (the whole casebook, unencrypted), "
        "blank-concern-form (the school's paper concern form for staff, no case data)",
    )
    export.add_argument("--child", metavar="ID", help="the child's id (or its first characters); not for plain")
    export.add_argument("--out", required=True, metavar="FILE", help="the file to write")
    export.add_argument("--pdf-password-stdin", action="store_true", help="read a PDF password from stdin (AES-256)")
    export.add_argument("--from", dest="since", type=_parse_date, metavar="DATE", help="chronology from this date")
    export.add_argument("--to", dest="until", type=_parse_date, metavar="DATE", help="chronology up to this date")

    bak = unlocking(command("backup", cmd_backup, "write a verified, encrypted backup file"))
    bak.add_argument("--out", metavar="FILE", help="the backup file (or a folder to put it in)")
    bak.add_argument(
        "--confirm-smaller",
        action="store_true",
        help="say the casebook is smaller on purpose (records disposed of), so larger backups may rotate out",
    )

    res = unlocking(command("restore", cmd_restore, "restore the casebook from a backup (the current file is kept)"))
    res.add_argument("file", metavar="FILE", help="a backup file, or a database kept aside by an earlier restore")

    aud = command("audit", cmd_audit_verify, "check the audit trail")
    aud.add_argument("action", choices=["verify"], help="verify: check every row of the hash chain")
    unlocking(aud)

    roll_actions = _action_group(sub, "roll", "the school roll: import pupils from your MIS's CSV export")
    ri = unlocking(
        _vault_command(
            roll_actions,
            "import",
            cmd_roll_import,
            "import the school roll from a CSV export; prints what was added, updated and skipped",
        )
    )
    ri.add_argument("file", metavar="FILE.csv", help="the roll exported from the MIS (SIMS, Arbor, Bromcom...)")
    ri.add_argument(
        "--columns", metavar="MAPPING.json", help='which column holds what, e.g. {"upn": "UPN", "dob": "DOB"}'
    )
    ri.add_argument("--dry-run", action="store_true", help="show what would happen and change nothing")
    ri.add_argument(
        "--add", action="append", metavar="UPN", help="also make this pupil a child with a file (repeatable)"
    )
    ri.add_argument("--json", action="store_true", help="print JSON")

    transfer_help = "CP file transfer: export an encrypted pack, import one, record its receipt"
    transfer_actions = _action_group(sub, "transfer", transfer_help)

    def transfer_action(name: str, func: Callable[[argparse.Namespace], int], help_text: str) -> Any:
        return unlocking(_vault_command(transfer_actions, name, func, help_text))

    tx = transfer_action("export", cmd_transfer_export, "write an encrypted transfer pack and covering letter")
    tx.add_argument("--child", required=True, metavar="ID", help="the child's id (or its first characters)")
    tx.add_argument("--to-school", required=True, metavar="NAME", help="the school the child is moving to")
    tx.add_argument("--to-dsl", metavar="NAME", help="the receiving DSL's name, if known")
    tx.add_argument("--from-school", metavar="NAME", help="your school's name (default: as set in the casebook)")
    tx.add_argument("--out", required=True, metavar="DIR", help="the folder to write the pack and letter into")
    ti = transfer_action(
        "import",
        cmd_transfer_import,
        f"add a child from a transfer pack; the one-time passphrase comes from {TRANSFER_PASSPHRASE_ENV} or "
        "standard input (after the casebook passphrase, with --passphrase-stdin)",
    )
    ti.add_argument("file", metavar="FILE", help="the transfer pack received")
    tr = transfer_action("receipt", cmd_transfer_receipt, "check the receiving school's receipt code and close it")
    tr.add_argument("--transfer", required=True, metavar="ID", help="the transfer's id (or its first characters)")
    tr.add_argument("--code", required=True, metavar="CODE", help="the receipt code the receiving DSL read out")
    tr.add_argument("--received-by", metavar="NAME", help="who received it (default: the receiving DSL's name)")

    retention_help = "retention: list CP files past their retention date, and record a decision to dispose of one"
    retention_actions = _action_group(sub, "retention", retention_help)

    def retention_action(name: str, func: Callable[[argparse.Namespace], int], help_text: str) -> Any:
        return unlocking(_vault_command(retention_actions, name, func, help_text))

    rl = retention_action("list", cmd_retention_list, "list the CP files whose retention date has passed")
    rl.add_argument("--on", type=_parse_date, help="the day to check (default: today)")
    rl.add_argument("--json", action="store_true", help="print JSON")
    rd = retention_action("dispose", cmd_retention_dispose, "dispose of one CP file past retention (audited)")
    rd.add_argument("--child", required=True, metavar="ID", help="the child's id (or its first characters)")
    rd.add_argument("--reason", required=True, help="why the file is disposed of (kept for good)")
    rd.add_argument("--decided-by", metavar="NAME", help="who decided (default: you)")

    team_help = "team casebook: share the casebook with deputies through a folder the school already syncs"
    team_parser = sub.add_parser("team", help=team_help, description=team_help)
    team_actions = team_parser.add_subparsers(dest="team_action", metavar="ACTION", required=True)

    def team_action(name: str, func: Callable[[argparse.Namespace], int], help_text: str) -> Any:
        cmd = team_actions.add_parser(name, help=help_text, description=help_text)
        cmd.add_argument(
            "--vault", metavar="DIR", help="the casebook folder (default: DSLAPP_HOME or your data folder)"
        )
        cmd.set_defaults(func=func)
        return unlocking(cmd)

    tc = team_action("create", cmd_team_create, "make this casebook the first device of a team casebook")
    tc.add_argument(
        "--folder", required=True, metavar="TEAMDIR", help="an empty folder the school's sync program shares"
    )
    team_action("invite", cmd_team_invite, "print a one-time enrolment code for a new member's laptop")
    tj = team_action("join", cmd_team_join, "create this laptop's casebook from the team folder with an enrolment code")
    tj.add_argument("--folder", required=True, metavar="TEAMDIR", help="the team folder, as shared to this laptop")
    tj.add_argument("--code", required=True, metavar="CODE", help="the enrolment code the DSL read out")
    tj.add_argument("--name", required=True, help="your name, as it will appear on records")
    tj.add_argument("--role", default="Deputy DSL", help="your role (default: Deputy DSL)")
    tj.add_argument("--school", default="", help="the school's name")
    team_action("sync", cmd_team_sync, "merge now: write this laptop's changes, take in everyone else's")
    ts = team_action("status", cmd_team_status, "the last merge, pending changes, devices and any rejected file")
    ts.add_argument("--json", action="store_true", help="print JSON")
    tr_ = team_action("remove", cmd_team_remove, "remove a device from the team (a new key protects later changes)")
    tr_.add_argument("--device", required=True, metavar="ID", help="the device's id (or its first 8 characters)")
    rk = team_action(
        "reporting-key", cmd_team_reporting_key, "create (or rotate) the reporting key and export the staff config"
    )
    rk.add_argument("--out", required=True, metavar="STAFF.json", help="where to write the staff configuration")
    rk.add_argument("--drop", metavar="DIR", help="the drop folder staff computers write to (default: team folder)")
    rk.add_argument(
        "--contact", action="append", metavar="NAME|ROLE|PHONE|WHERE", help="a team member staff mode names (repeat)"
    )
    rk.add_argument("--roll", metavar="ROLL.json", help="names and year groups for staff mode's type-ahead")
    rk.add_argument("--keep", action="store_true", help="export the config for the current key without rotating it")
    rk.add_argument("--paper-form", default="", metavar="WHERE", help="where staff find the blank paper concern form")

    report_help = "staff mode: report a concern to the safeguarding team (the window, or one concern from JSON)"
    rep = sub.add_parser("report", help=report_help, description=report_help)
    rep.add_argument("--config", metavar="STAFF.json", help="the staff configuration (default: beside the settings)")
    rep.add_argument("--from", dest="from_file", metavar="FILE.json", help="submit this concern without the window")
    rep.add_argument("--drop", metavar="DIR", help="the drop folder, if not the one in the configuration")
    rep.set_defaults(func=cmd_report)

    bench_help = "measure performance on a large fictional dataset, each figure beside a bare baseline"
    bench = sub.add_parser("bench", help=bench_help, description=bench_help)
    bench.add_argument("--children", type=int, default=1000, help="children in the dataset (default 1000)")
    bench.add_argument("--json", action="store_true", help="print one JSON object")
    bench.add_argument("--growth", action="store_true", help="the figures at several sizes, written to --out")
    bench.add_argument("--sizes", default="100,1000,5000", help="sizes for --growth (default 100,1000,5000)")
    bench.add_argument("--out", default="docs/PERFORMANCE.md", help="the growth table's Markdown file (and .png)")
    bench.add_argument("--smoke", action="store_true", help="every figure measured once, quickly (the test suite)")
    bench.set_defaults(func=cmd_bench)
    return parser


def _vault_command(
    group: Any, name: str, func: Callable[[argparse.Namespace], int], help_text: str
) -> argparse.ArgumentParser:
    """A command (or an action of one) that works on a casebook folder: ``--vault`` and what it runs."""
    cmd: argparse.ArgumentParser = group.add_parser(name, help=help_text, description=help_text)
    cmd.add_argument("--vault", metavar="DIR", help="the casebook folder (default: DSLAPP_HOME or your data folder)")
    cmd.set_defaults(func=func)
    return cmd


def _action_group(sub: Any, name: str, help_text: str) -> Any:
    """A command whose first argument is an action (``dslapp transfer export``); returns where actions go."""
    parser = sub.add_parser(name, help=help_text, description=help_text)
    return parser.add_subparsers(dest=f"{name}_action", metavar="ACTION", required=True)


def _damaged_message(exc: VaultDamaged, args: argparse.Namespace) -> str:
    """The damaged-vault message, with the restore command for the newest good backup (one line)."""
    vault = _vault_dir(args) if hasattr(args, "vault") else _default_vault_dir()
    if exc.newest_backup is not None:
        return (
            f"{exc} To restore it (the damaged file is kept aside, not deleted): "
            f"dslapp restore --vault {vault} {exc.newest_backup}"
        )
    return f"{exc} If you have a backup file, restore it with: dslapp restore --vault {vault} FILE"


def _fail(message: str, code: int = 1) -> NoReturn:
    print(f"dslapp: {one_line(message)}", file=sys.stderr)
    raise SystemExit(code)


def main(argv: Sequence[str] | None = None) -> int:
    ensure_standard_streams()  # a windowed build has no console: stdout and stderr are None
    parser = build_parser()
    if argv is not None and any("\x00" in arg for arg in argv):  # a shell cannot pass one; a caller can
        parser.error("an argument contains a NUL character, which no file name or value may hold")
    args = parser.parse_args(argv)
    from dslapp import logs  # the private event log: codes and counts only, never case data

    logs.configure()
    logs.log(logs.LogEvent.COMMAND)
    try:
        code = int(args.func(args))
        for warning in getattr(args, "lock_warnings", []):
            print(f"dslapp: {one_line(warning)}", file=sys.stderr)
        return code
    except UsageError as exc:
        _fail(str(exc), 2)
    except VaultDamaged as exc:
        logs.log(logs.LogEvent.ERROR, error=exc)
        _fail(_damaged_message(exc, args))
    except CasebookError as exc:
        logs.log(logs.LogEvent.ERROR, error=exc)
        _fail(str(exc))
    except KeyboardInterrupt:
        _fail("stopped. Nothing that was saved has been lost.", 130)
    except Exception as exc:  # never a traceback: case data could be in it
        logs.log(logs.LogEvent.ERROR, error=exc)
        if os.environ.get("DSLAPP_DEBUG") == "1":  # developers only, on fictional data
            raise
        _fail(f"something unexpected went wrong ({type(exc).__name__}). Nothing that was saved has been lost.")


if __name__ == "__main__":
    raise SystemExit(main())

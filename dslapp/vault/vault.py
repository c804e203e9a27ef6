"""A vault folder: the key file, the encrypted database, the single-instance lock and backups.

``Vault.create`` sets one up; ``Vault.open`` unlocks it with a user's passphrase;
``Vault.open_with_recovery_key`` sets a new passphrase from the printed recovery key.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from dslapp.config import ensure_private_dir
from dslapp.errors import (
    CannotRemoveSelf,
    NameRequired,
    NewUserIncomplete,
    NotAVault,
    PassphraseRequired,
    UserNotFound,
    VaultDamaged,
    VaultExists,
    VaultLocked,
    WrongKeyFile,
    check_user_name,
)
from dslapp.logs import LogEvent, log
from dslapp.vault import audit, keys
from dslapp.vault.audit import Action
from dslapp.vault.copies import newest_good_copy
from dslapp.vault.folder import (
    BACKUP_DIR,
    DB_NAME,
    KEYS_NAME,
    LOCK_NAME,
    InstanceLock,
    finish_restore,
    is_vault,
    read_casebook_id,
    read_restore_journal,
    tidy,
    write_casebook_id,
)
from dslapp.vault.keyfile import User, list_users
from dslapp.vault.migrate import check_not_newer, current_version, migrate
from dslapp.vault.sqlcipher import Database, check_not_cut_short, integrity_problems, open_database

__all__ = ["BACKUP_DIR", "DB_NAME", "KEYS_NAME", "LOCK_NAME", "User", "Vault", "is_vault", "list_users"]

_SEALS_VERSION = 5
"""The schema version that added record seals: records saved before it are sealed when it is applied."""


class Vault:
    """An unlocked vault. Holds the data key only while open; ``lock()`` drops it."""

    def __init__(
        self,
        directory: Path,
        db: Database,
        keyfile: keys.KeyFile,
        user: User,
        lock: InstanceLock,
        data_key: bytes,
        clock: Callable[[], datetime],
    ) -> None:
        self.directory = directory
        self.db = db
        self.keyfile = keyfile
        self.user = user
        self._lock = lock
        self._data_key: bytes | None = data_key
        self.clock = clock
        self.on_lock: list[Callable[[Vault], None]] = []
        """Called in order by ``lock()`` while the vault is still open (e.g. the automatic backup).
        The UI and CLI add to it; an error in one does not stop the lock, and is raised once locked."""

    # ---- opening and creating -------------------------------------------------------------

    @classmethod
    def create(
        cls,
        directory: Path,
        name: str,
        role: str = "DSL",
        passphrase: str = "",
        *,
        school: str = "",
        kdf: keys.KdfParams | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> tuple[Vault, str]:
        """Create a new vault; returns it (unlocked) and the recovery key, to be shown once."""
        if not passphrase:
            raise PassphraseRequired("Choose a passphrase to protect the casebook.")
        if not name.strip():
            raise NameRequired()
        check_user_name(name)
        if is_vault(directory):
            raise VaultExists()
        ensure_private_dir(directory)
        lock = InstanceLock(directory)
        lock.acquire()
        try:
            data_key = keys.new_data_key()
            keyfile, recovery_key = keys.new_keyfile(data_key, name.strip(), role, passphrase, kdf or keys.calibrate())
            keys.save_keyfile(directory / KEYS_NAME, keyfile)
            db = open_database(directory / DB_NAME, data_key, create=True)
            migrate(db, data_key, directory / BACKUP_DIR)
            first = keyfile.users[0]
            user = User(first.user_id, first.name, first.role)
            vault = cls(directory, db, keyfile, user, lock, data_key, clock or _utcnow)
            with db.transaction():
                for key, value in (
                    ("vault_id", keyfile.vault_id),
                    ("school", school),
                    ("created_at", vault.now().isoformat()),
                ):
                    db.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (key, value))
                vault._ensure_user_row(user)
                vault.audit(Action.SETUP, "vault", "casebook created")
            vault.reseal_keyfile()
            write_casebook_id(directory, keyfile.vault_id)
        except BaseException:
            lock.release()
            raise
        return vault, recovery_key

    @classmethod
    def open(
        cls,
        directory: Path,
        passphrase: str,
        *,
        user_id: str | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> Vault:
        """Unlock with a passphrase. Raises WrongPassphrase, VaultInUse, VaultDamaged, VaultTooNew..."""
        keyfile = _keyfile_for(directory)
        lock = InstanceLock(directory)
        lock.acquire()
        try:
            tidy(directory)
            data_key, wrap = keys.unwrap_with_passphrase(keyfile, passphrase, user_id)
            return cls._finish_open(directory, keyfile, User(wrap.user_id, wrap.name, wrap.role), lock, data_key, clock)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def open_with_recovery_key(
        cls,
        directory: Path,
        recovery_key: str,
        new_passphrase: str,
        *,
        user_id: str | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> Vault:
        """Unlock with the printed recovery key and set a new passphrase for ``user_id`` (default: the DSL)."""
        if not new_passphrase:
            raise PassphraseRequired()
        keyfile = _keyfile_for(directory)
        lock = InstanceLock(directory)
        lock.acquire()
        try:
            tidy(directory)
            data_key = keys.unwrap_with_recovery_key(keyfile, recovery_key)
            target = keyfile.user(user_id) if user_id else keyfile.users[0]
            rewrapped = keys.wrap_for_user(
                keyfile.vault_id, data_key, target.name, target.role, new_passphrase, target.kdf, target.user_id
            )
            keyfile = keyfile.model_copy(
                update={"users": [rewrapped if u.user_id == target.user_id else u for u in keyfile.users]}
            )
            vault = cls._finish_open(
                directory, keyfile, User(target.user_id, target.name, target.role), lock, data_key, clock
            )
            vault.audit(Action.KEYS, target.user_id, "passphrase reset with the recovery key")
            vault.reseal_keyfile()
            return vault
        except BaseException:
            lock.release()
            raise

    @classmethod
    def _finish_open(
        cls,
        directory: Path,
        keyfile: keys.KeyFile,
        user: User,
        lock: InstanceLock,
        data_key: bytes,
        clock: Callable[[], datetime] | None,
    ) -> Vault:
        """Open the database with the unwrapped key. A casebook is never created here: a missing, empty, short
        or schema-less database is a damaged one (nothing is written), and the newest good copy is named."""
        path = directory / DB_NAME
        journal = read_restore_journal(directory)
        try:
            check_not_cut_short(path)
            db = open_database(path, data_key)
        except VaultDamaged as exc:
            raise _offering_copy(exc, directory, data_key) from exc
        try:
            check_not_newer(db)
            if current_version(db) == 0:
                raise VaultDamaged(
                    "The casebook's database file holds no casebook (it may have been emptied by a power cut or a "
                    "sync program). It has not been changed."
                )
            applied = migrate(db, data_key, directory / BACKUP_DIR)
            vault = cls(directory, db, keyfile, user, lock, data_key, clock or _utcnow)
            with db.transaction():
                vault._ensure_user_row(user)
                vault.user = vault._user_as_recorded(user)
                vault.audit(Action.UNLOCK, vault.user.id, "")
                if _SEALS_VERSION in applied:
                    audit.seal_unsealed_records(db, vault.user.label, vault._audit_clock)
                vault._check_keyfile(after_restore=journal is not None)
                if journal is not None:
                    vault.audit(Action.RESTORE, "vault", "the database was replaced by a verified copy")
            if journal is not None or not keys.seal_ok(vault.keyfile, data_key) or _names_differ(vault):
                vault.reseal_keyfile()
            write_casebook_id(directory, keyfile.vault_id)
            if journal is not None:
                finish_restore(directory)
        except VaultDamaged as exc:
            db.close()
            raise _offering_copy(exc, directory, data_key) from exc
        except BaseException:
            db.close()
            raise
        return vault

    def offering_copy(self, exc: VaultDamaged) -> VaultDamaged:
        """``exc``, naming the newest copy of this casebook that holds the data and passes its checks."""
        return _offering_copy(exc, self.directory, self.data_key)

    def verify_trail(self) -> audit.AuditReport:
        """The audit chain, its anchor in vault.keys and every record's seal (``dslapp audit verify``)."""
        anchor = self.keyfile.anchor if keys.seal_ok(self.keyfile, self.data_key) else None
        return audit.verify(self.db, anchor)

    def check_pages(self, *, full: bool = True) -> list[str]:
        """Check every page (HMAC) and the database's structure; empty when sound.

        Runs on a connection of its own: it can run on another thread while the app works, and a damaged page
        met by the check cannot leave the app's own connection unable to write. ``full`` also reads every
        index (``integrity_check`` rather than ``quick_check``)."""
        db = open_database(self.directory / DB_NAME, self.data_key)
        try:
            return integrity_problems(db, full=full)
        finally:
            db.close()

    def _user_as_recorded(self, user: User) -> User:
        """The user as the casebook's own (encrypted) users table has them: names in vault.keys only label the
        unlock screen, so an edited key file can never change whom the audit trail credits."""
        row = self.db.execute("SELECT name, role FROM users WHERE id = ?", (user.id,)).fetchone()
        return user if row is None else User(user.id, str(row[0]), str(row[1]))

    def _check_keyfile(self, *, after_restore: bool) -> None:
        """Compare vault.keys with the database: an edit made outside the app, or an audit trail shorter than
        the one vault.keys recorded, is written into the trail itself (``audit verify`` reports it for good)."""
        keyfile = self.keyfile
        if keyfile.seal and not keys.seal_ok(keyfile, self.data_key):
            self.audit(
                Action.INTEGRITY,
                "vault.keys",
                "vault.keys had been changed outside the app (names, roles or its record of the audit trail); "
                "the names held in the casebook were used",
            )
            log(LogEvent.ERROR, error=WrongKeyFile())
            return
        anchor = keyfile.anchor
        if anchor is None or after_restore:
            return
        seq, _ = audit.head(self.db)
        recorded = self.db.scalar("SELECT hash FROM audit WHERE seq = ?", (anchor.audit_seq,))
        if anchor.audit_seq and (recorded is None or recorded != anchor.audit_hash):
            self.audit(
                Action.INTEGRITY,
                "audit",
                f"the audit trail ended at row {seq} but vault.keys had recorded {anchor.audit_seq} rows: rows were "
                "removed or the database was replaced by an older copy",
            )

    def reseal_keyfile(self, *, count_records: bool = True) -> None:
        """Save vault.keys with names and roles as the casebook holds them and the audit
        trail's current head, sealed under the data key (done at unlock when needed, at lock and after a backup)."""
        recorded = {
            str(r[0]): (str(r[1]), str(r[2])) for r in self.db.execute("SELECT id, name, role FROM users").fetchall()
        }
        users = [
            u.model_copy(update={"name": recorded[u.user_id][0], "role": recorded[u.user_id][1]})
            if u.user_id in recorded
            else u
            for u in self.keyfile.users
        ]
        seq, head = audit.head(self.db)
        previous = self.keyfile.anchor
        if count_records or previous is None:
            records = int(self.db.scalar("SELECT count(*) FROM records"))
        else:  # locking: the count matters only in a backup's copy, which always counts afresh
            records = previous.records
        anchor = keys.Anchor(audit_seq=seq, audit_hash=head, records=records, at=self.now())
        sealed = keys.seal_keyfile(
            self.keyfile.model_copy(update={"users": users}),
            self.data_key,
            anchor=anchor,
        )
        keys.save_keyfile(self.directory / KEYS_NAME, sealed)
        self.keyfile = sealed

    # ---- while open -----------------------------------------------------------------------

    def now(self) -> datetime:
        return self.clock()

    @property
    def is_open(self) -> bool:
        return self._data_key is not None

    @property
    def data_key(self) -> bytes:
        if self._data_key is None:
            raise VaultLocked()
        return self._data_key

    @property
    def vault_id(self) -> str:
        return self.keyfile.vault_id

    @property
    def school(self) -> str:
        return str(self.db.scalar("SELECT value FROM meta WHERE key = 'school'") or "")

    def audit(self, action: str, obj: str = "", detail: str = "") -> audit.AuditEvent:
        return audit.append(self.db, self.user.label, action, obj, detail, clock=self._audit_clock)

    def _audit_clock(self) -> str:
        return self.now().isoformat()

    def users(self) -> list[User]:
        return [User(u.user_id, u.name, u.role) for u in self.keyfile.users]

    def add_user(self, name: str, role: str, passphrase: str, kdf: keys.KdfParams | None = None) -> User:
        """Add a deputy DSL: a new wrap of the same data key under their own passphrase."""
        if not name.strip() or not passphrase:
            raise NewUserIncomplete()
        check_user_name(name, whose="Their name")
        params = kdf or self.keyfile.user(self.user.id).kdf
        wrap = keys.wrap_for_user(self.vault_id, self.data_key, name.strip(), role, passphrase, params)
        keyfile = self.keyfile.model_copy(update={"users": [*self.keyfile.users, wrap]})
        user = User(wrap.user_id, wrap.name, wrap.role)
        previous = self.keyfile
        try:
            with self.db.transaction():
                self._ensure_user_row(user)
                # the key file first: its anchor then names only rows already committed
                self.keyfile = keyfile
                self.reseal_keyfile()
                self.audit(Action.KEYS, user.id, f"user added: {role}")
        except BaseException:
            self.keyfile = previous
            raise
        return user

    def remove_user(self, user_id: str) -> None:
        """Remove a user's wrap (they can no longer unlock). Their records keep their name."""
        if user_id == self.user.id:
            raise CannotRemoveSelf()
        remaining = [u for u in self.keyfile.users if u.user_id != user_id]
        if len(remaining) == len(self.keyfile.users):
            raise UserNotFound()
        keyfile = self.keyfile.model_copy(update={"users": remaining})
        previous = self.keyfile
        try:
            with self.db.transaction():
                self.db.execute("UPDATE users SET active = 0 WHERE id = ?", (user_id,))
                self.keyfile = keyfile
                self.reseal_keyfile()
                self.audit(Action.KEYS, user_id, "user removed")
        except BaseException:
            self.keyfile = previous
            raise

    def change_passphrase(self, current: str, new: str) -> None:
        """Rewrap the data key under a new passphrase; the database is not re-encrypted."""
        if not new:
            raise PassphraseRequired()
        keys.unwrap_with_passphrase(self.keyfile, current, self.user.id)
        mine = self.keyfile.user(self.user.id)
        rewrapped = keys.wrap_for_user(self.vault_id, self.data_key, mine.name, mine.role, new, mine.kdf, mine.user_id)
        keyfile = self.keyfile.model_copy(
            update={"users": [rewrapped if u.user_id == mine.user_id else u for u in self.keyfile.users]}
        )
        previous = self.keyfile
        try:
            with self.db.transaction():
                self.keyfile = keyfile
                self.reseal_keyfile()
                self.audit(Action.KEYS, self.user.id, "passphrase changed")
        except BaseException:
            self.keyfile = previous
            raise

    def lock(self) -> None:
        """Run the ``on_lock`` hooks, audit, close the database, drop the key and release the single-instance lock.

        The vault is always locked, even if a hook fails; the first hook error is raised afterwards.
        """
        if self._data_key is None:
            return
        hook_error: BaseException | None = None
        for hook in list(self.on_lock):
            try:
                hook(self)
            except Exception as exc:
                hook_error = hook_error or exc
        try:
            self.audit(Action.LOCK, self.user.id, "")
            self.reseal_keyfile(count_records=False)
        except Exception as exc:  # a damaged or full disk: the vault is still locked below
            hook_error = hook_error or exc
        finally:
            self.db.close()
            self._data_key = None
            self._lock.release()
        if hook_error is not None:
            raise hook_error

    close = lock

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.lock()

    def _ensure_user_row(self, user: User) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO users (id, name, role, created_at) VALUES (?, ?, ?, ?)",
            (user.id, user.name, user.role, self.now().isoformat()),
        )


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _offering_copy(exc: VaultDamaged, directory: Path, data_key: bytes | None) -> VaultDamaged:
    """The same 'damaged' error, now naming the newest copy that holds the data and passes its checks."""
    if exc.newest_backup is not None:
        return exc
    try:
        found = newest_good_copy(directory, data_key)
    except Exception:
        found = None
    if found is None:
        return exc
    return type(exc)(str(exc), newest_backup=found)


def _names_differ(vault: Vault) -> bool:
    mine = next((u for u in vault.keyfile.users if u.user_id == vault.user.id), None)
    return mine is not None and (mine.name, mine.role) != (vault.user.name, vault.user.role)


def _keyfile_for(directory: Path) -> keys.KeyFile:
    if not directory.is_dir() or not is_vault(directory):
        raise NotAVault(f"There is no casebook in {directory}.")
    keyfile = keys.load_keyfile(directory / KEYS_NAME)
    recorded = read_casebook_id(directory)
    if recorded and recorded != keyfile.vault_id:
        raise WrongKeyFile()
    return keyfile

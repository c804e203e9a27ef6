"""A vault folder: the key file, the encrypted database, the single-instance lock and backups.

``Vault.create`` sets one up; ``Vault.open`` unlocks it with a user's passphrase;
``Vault.open_with_recovery_key`` sets a new passphrase from the printed recovery key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock, Timeout

from dslapp.config import FILE_MODE, ensure_private_dir
from dslapp.errors import CasebookError, NotAVault, VaultDamaged, VaultExists, VaultInUse
from dslapp.vault import audit, keys
from dslapp.vault.audit import Action
from dslapp.vault.migrate import check_not_newer, migrate
from dslapp.vault.sqlcipher import Database, open_database

DB_NAME = "casebook.db"
KEYS_NAME = "vault.keys"
LOCK_NAME = "casebook.lock"
BACKUP_DIR = "backups"


@dataclass(frozen=True)
class User:
    id: str
    name: str
    role: str

    @property
    def label(self) -> str:
        return f"{self.name} ({self.role})"


def is_vault(directory: Path) -> bool:
    return (directory / KEYS_NAME).exists() or (directory / DB_NAME).exists()


def list_users(directory: Path) -> list[User]:
    """Who can unlock this vault (names and roles are not case data; shown on the unlock screen)."""
    keyfile = keys.load_keyfile(directory / KEYS_NAME)
    return [User(u.user_id, u.name, u.role) for u in keyfile.users]


class _InstanceLock:
    """One process at a time per vault (DESIGN §3)."""

    def __init__(self, directory: Path) -> None:
        path = directory / LOCK_NAME
        self._lock = FileLock(str(path), timeout=0, mode=FILE_MODE, thread_local=False)

    def acquire(self) -> None:
        try:
            self._lock.acquire()
        except Timeout as exc:
            raise VaultInUse() from exc

    def release(self) -> None:
        self._lock.release(force=True)


class Vault:
    """An unlocked vault. Holds the data key only while open; ``lock()`` drops it."""

    def __init__(
        self,
        directory: Path,
        db: Database,
        keyfile: keys.KeyFile,
        user: User,
        lock: _InstanceLock,
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
            raise CasebookError("Choose a passphrase to protect the casebook.")
        if not name.strip():
            raise CasebookError("Enter your name: it appears on everything you record.")
        if is_vault(directory):
            raise VaultExists()
        ensure_private_dir(directory)
        lock = _InstanceLock(directory)
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
        lock = _InstanceLock(directory)
        lock.acquire()
        try:
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
            raise CasebookError("Choose a new passphrase.")
        keyfile = _keyfile_for(directory)
        lock = _InstanceLock(directory)
        lock.acquire()
        try:
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
            keys.save_keyfile(directory / KEYS_NAME, keyfile)
            vault.audit(Action.KEYS, target.user_id, "passphrase reset with the recovery key")
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
        lock: _InstanceLock,
        data_key: bytes,
        clock: Callable[[], datetime] | None,
    ) -> Vault:
        try:
            db = open_database(directory / DB_NAME, data_key)
        except VaultDamaged as exc:
            raise _offering_backup(exc, directory, data_key) from exc
        try:
            check_not_newer(db)
            migrate(db, data_key, directory / BACKUP_DIR)
            vault = cls(directory, db, keyfile, user, lock, data_key, clock or _utcnow)
            with db.transaction():
                vault._ensure_user_row(user)
                vault.audit(Action.UNLOCK, user.id, "")
        except VaultDamaged as exc:
            db.close()
            raise _offering_backup(exc, directory, data_key) from exc
        except BaseException:
            db.close()
            raise
        return vault

    # ---- while open -----------------------------------------------------------------------

    def now(self) -> datetime:
        return self.clock()

    @property
    def is_open(self) -> bool:
        return self._data_key is not None

    @property
    def data_key(self) -> bytes:
        if self._data_key is None:
            raise CasebookError("The casebook is locked. Unlock it to continue.")
        return self._data_key

    @property
    def vault_id(self) -> str:
        return self.keyfile.vault_id

    @property
    def school(self) -> str:
        return str(self.db.scalar("SELECT value FROM meta WHERE key = 'school'") or "")

    def audit(self, action: str, obj: str = "", detail: str = "") -> audit.AuditEvent:
        return audit.append(self.db, self.user.label, action, obj, detail, clock=lambda: self.now().isoformat())

    def users(self) -> list[User]:
        return [User(u.user_id, u.name, u.role) for u in self.keyfile.users]

    def add_user(self, name: str, role: str, passphrase: str, kdf: keys.KdfParams | None = None) -> User:
        """Add a deputy DSL: a new wrap of the same data key under their own passphrase."""
        if not name.strip() or not passphrase:
            raise CasebookError("A new user needs a name and a passphrase.")
        params = kdf or self.keyfile.user(self.user.id).kdf
        wrap = keys.wrap_for_user(self.vault_id, self.data_key, name.strip(), role, passphrase, params)
        keyfile = self.keyfile.model_copy(update={"users": [*self.keyfile.users, wrap]})
        user = User(wrap.user_id, wrap.name, wrap.role)
        with self.db.transaction():
            self._ensure_user_row(user)
            self.audit(Action.KEYS, user.id, f"user added: {role}")
            keys.save_keyfile(self.directory / KEYS_NAME, keyfile)
        self.keyfile = keyfile
        return user

    def remove_user(self, user_id: str) -> None:
        """Remove a user's wrap (they can no longer unlock). Their records keep their name."""
        if user_id == self.user.id:
            raise CasebookError("You cannot remove yourself while signed in. Ask another DSL to do it.")
        remaining = [u for u in self.keyfile.users if u.user_id != user_id]
        if len(remaining) == len(self.keyfile.users):
            raise CasebookError("That user was not found.")
        keyfile = self.keyfile.model_copy(update={"users": remaining})
        with self.db.transaction():
            self.db.execute("UPDATE users SET active = 0 WHERE id = ?", (user_id,))
            self.audit(Action.KEYS, user_id, "user removed")
            keys.save_keyfile(self.directory / KEYS_NAME, keyfile)
        self.keyfile = keyfile

    def change_passphrase(self, current: str, new: str) -> None:
        """Rewrap the data key under a new passphrase; the database is not re-encrypted."""
        if not new:
            raise CasebookError("Choose a new passphrase.")
        keys.unwrap_with_passphrase(self.keyfile, current, self.user.id)
        mine = self.keyfile.user(self.user.id)
        rewrapped = keys.wrap_for_user(self.vault_id, self.data_key, mine.name, mine.role, new, mine.kdf, mine.user_id)
        keyfile = self.keyfile.model_copy(
            update={"users": [rewrapped if u.user_id == mine.user_id else u for u in self.keyfile.users]}
        )
        with self.db.transaction():
            self.audit(Action.KEYS, self.user.id, "passphrase changed")
            keys.save_keyfile(self.directory / KEYS_NAME, keyfile)
        self.keyfile = keyfile

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


def confirm_passphrase(vault: Vault, passphrase: str) -> None:
    """Re-check the signed-in user's passphrase against their own key wrap (before an export that leaves the
    vault). Raises WrongPassphrase if it does not open it; the vault stays open either way."""
    keys.unwrap_with_passphrase(vault.keyfile, passphrase, vault.user.id)


def _offering_backup(exc: VaultDamaged, directory: Path, data_key: bytes | None) -> VaultDamaged:
    """The same 'damaged' error, now naming the newest backup that opens and passes its checks."""
    if exc.newest_backup is not None:
        return exc
    from dslapp.vault.backup import newest_good_backup  # backup imports this module

    try:
        found = newest_good_backup(directory, data_key)
    except Exception:
        found = None
    if found is None:
        return exc
    return VaultDamaged(str(exc), newest_backup=found)


def _keyfile_for(directory: Path) -> keys.KeyFile:
    if not directory.is_dir() or not is_vault(directory):
        raise NotAVault(f"There is no casebook in {directory}.")
    keyfile = keys.load_keyfile(directory / KEYS_NAME)
    if not (directory / DB_NAME).exists():
        missing = VaultDamaged("The casebook's database file is missing. Restore it from your newest backup.")
        raise _offering_backup(missing, directory, None)
    return keyfile

"""Schema migrations: ``data_schema/migrations/NNNN_name.sql`` applied in order.

The version lives in ``PRAGMA user_version``. Each step runs in one exclusive transaction that also
sets the version. Before migrating a vault that already holds data, a keyed copy is taken. A vault
from a newer app is refused and left untouched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from dslapp.config import ensure_private_dir
from dslapp.errors import VaultTooNew
from dslapp.paths import schema_files
from dslapp.vault.sqlcipher import Database, open_database

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    folder = schema_files().joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise RuntimeError(f"migration numbering has a gap at {migration.name}")
    return found


def latest_version() -> int:
    return len(migrations())


def current_version(db: Database) -> int:
    return int(db.scalar("PRAGMA user_version"))


def check_not_newer(db: Database) -> None:
    if current_version(db) > latest_version():
        raise VaultTooNew()


def migrate(db: Database, key: bytes, backup_dir: Path) -> list[int]:
    """Bring ``db`` up to the latest schema; returns the versions applied."""
    version = current_version(db)
    if version > latest_version():
        raise VaultTooNew()
    pending = [m for m in migrations() if m.version > version]
    if pending and version > 0:
        _copy_before_migrating(db, key, backup_dir, version)
    for migration in pending:
        try:
            db.executescript(f"BEGIN EXCLUSIVE;\n{migration.sql}\nPRAGMA user_version = {migration.version};\nCOMMIT;")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
    return [m.version for m in pending]


def _copy_before_migrating(db: Database, key: bytes, backup_dir: Path, version: int) -> Path:
    ensure_private_dir(backup_dir)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target_path = backup_dir / f"before-migration-v{version}-{stamp}.db"
    target = open_database(target_path, key, create=True)
    try:
        db.backup_to(target)
    finally:
        target.close()
    return target_path


def schema_sql(db: Database) -> str:
    """The schema as SQL text, in a stable order (used to pin it in a test)."""
    rows = db.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
        "AND name NOT LIKE 'sqlite_%' ORDER BY type, name"
    ).fetchall()
    return "\n\n".join(f"-- {row[0]} {row[1]}\n{row[2]};" for row in rows) + "\n"

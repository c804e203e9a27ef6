"""Developer commands: regenerate the files tests pin (``python -m dslapp.devtools schema``)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from dslapp.paths import source_resources_dir, source_schema_dir
from dslapp.services.bundle import bundle_schema_text
from dslapp.vault import keys
from dslapp.vault.migrate import schema_sql
from dslapp.vault.vault import Vault
from dslapp.views.body_map import VIEWS, outline_svg

BUNDLE_SCHEMA_NAME = "case-bundle.schema.json"


def write_schemas() -> list[Path]:
    """Rewrite data_schema/schema.sql (from the migrations) and the case-bundle JSON Schema (from the models)."""
    out = source_schema_dir()
    with tempfile.TemporaryDirectory() as tmp:
        fast = keys.KdfParams(time_cost=1, memory_cost=8, parallelism=1)  # throwaway vault, no data
        vault, _ = Vault.create(Path(tmp) / "v", "Schema", "DSL", "schema", kdf=fast)
        try:
            sql = schema_sql(vault.db)
        finally:
            vault.lock()
    (out / "schema.sql").write_text(sql, "utf-8")
    (out / BUNDLE_SCHEMA_NAME).write_text(bundle_schema_text(), "utf-8")
    return [out / "schema.sql", out / BUNDLE_SCHEMA_NAME]


def write_body_map_svgs() -> list[Path]:
    """Rewrite resources/body_map/front.svg and back.svg from the one outline definition."""
    out = source_resources_dir() / "body_map"
    out.mkdir(exist_ok=True)
    written = []
    for view in VIEWS:
        path = out / f"{view.value}.svg"
        path.write_text(outline_svg(view), "utf-8")
        written.append(path)
    return written


COMMANDS = {"schema": write_schemas, "body-map": write_body_map_svgs}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in COMMANDS:
        print("usage: python -m dslapp.devtools schema|body-map", file=sys.stderr)
        raise SystemExit(2)
    for path in COMMANDS[sys.argv[1]]():
        print(f"wrote {path}")

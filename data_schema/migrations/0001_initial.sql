-- DSL Casebook schema, version 1.
-- Records are evidence: rows in records change only through an amendment that keeps the previous
-- text, and nothing is ever deleted (triggers enforce both). The audit trail is append-only.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE users (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    active     INTEGER NOT NULL DEFAULT 1
);

-- One row per record of any kind (child, concern, chronology entry, ...). body is the validated
-- pydantic model as JSON; the columns beside it are what queries filter and sort on.
CREATE TABLE records (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    child_id    TEXT,
    occurred_on TEXT,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    body        TEXT NOT NULL CHECK (json_valid(body))
);
CREATE INDEX records_by_child ON records (child_id, kind, occurred_on);
CREATE INDEX records_by_kind ON records (kind, occurred_on);

-- Each amendment keeps the body as it was before, with who, when and why.
CREATE TABLE amendments (
    record_id     TEXT NOT NULL REFERENCES records (id),
    version       INTEGER NOT NULL,
    at            TEXT NOT NULL,
    by            TEXT NOT NULL,
    reason        TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    previous_body TEXT NOT NULL CHECK (json_valid(previous_body)),
    PRIMARY KEY (record_id, version)
);

CREATE TRIGGER records_never_deleted BEFORE DELETE ON records
BEGIN
    SELECT RAISE(ABORT, 'records are never deleted');
END;

CREATE TRIGGER records_change_only_by_amendment BEFORE UPDATE ON records
WHEN NEW.id IS NOT OLD.id
  OR NEW.kind IS NOT OLD.kind
  OR NEW.child_id IS NOT OLD.child_id
  OR NEW.created_at IS NOT OLD.created_at
  OR NEW.created_by IS NOT OLD.created_by
  OR NEW.version IS NOT OLD.version + 1
  OR NOT EXISTS (
      SELECT 1 FROM amendments
      WHERE record_id = NEW.id AND version = NEW.version AND previous_body = OLD.body
  )
BEGIN
    SELECT RAISE(ABORT, 'records change only by amendment');
END;

CREATE TRIGGER amendments_never_changed BEFORE UPDATE ON amendments
BEGIN
    SELECT RAISE(ABORT, 'amendments are never changed');
END;

CREATE TRIGGER amendments_never_deleted BEFORE DELETE ON amendments
BEGIN
    SELECT RAISE(ABORT, 'amendments are never deleted');
END;

-- Append-only, hash-chained audit trail. AUTOINCREMENT keeps sqlite_sequence, so removing the
-- newest rows is detectable too.
CREATE TABLE audit (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    user      TEXT NOT NULL,
    action    TEXT NOT NULL,
    object    TEXT NOT NULL,
    detail    TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);

CREATE TRIGGER audit_never_changed BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER audit_never_deleted BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

-- Full-text search over names, concerns and chronology. rowid = records.rowid.
CREATE VIRTUAL TABLE search USING fts5 (
    text,
    child_id UNINDEXED,
    kind UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Unfinished forms (a concern half-typed when the laptop locked or crashed). Encrypted like
-- everything else; not evidence until saved as a record, so drafts may be replaced and discarded.
CREATE TABLE drafts (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    child_id   TEXT,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    body       TEXT NOT NULL CHECK (json_valid(body))
);

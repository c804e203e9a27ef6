-- index records_by_child
CREATE INDEX records_by_child ON records (child_id, kind, occurred_on);

-- index records_by_kind
CREATE INDEX records_by_kind ON records (kind, occurred_on);

-- table amendments
CREATE TABLE amendments (
    record_id     TEXT NOT NULL REFERENCES records (id),
    version       INTEGER NOT NULL,
    at            TEXT NOT NULL,
    by            TEXT NOT NULL,
    reason        TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    previous_body TEXT NOT NULL CHECK (json_valid(previous_body)),
    PRIMARY KEY (record_id, version)
);

-- table audit
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

-- table drafts
CREATE TABLE drafts (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    child_id   TEXT,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    body       TEXT NOT NULL CHECK (json_valid(body))
);

-- table meta
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- table records
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

-- table search
CREATE VIRTUAL TABLE search USING fts5 (
    text,
    child_id UNINDEXED,
    kind UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- table search_config
CREATE TABLE 'search_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table search_content
CREATE TABLE 'search_content'(id INTEGER PRIMARY KEY, c0, c1, c2);

-- table search_data
CREATE TABLE 'search_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table search_docsize
CREATE TABLE 'search_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

-- table search_idx
CREATE TABLE 'search_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table users
CREATE TABLE users (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    active     INTEGER NOT NULL DEFAULT 1
);

-- trigger amendments_never_changed
CREATE TRIGGER amendments_never_changed BEFORE UPDATE ON amendments
BEGIN
    SELECT RAISE(ABORT, 'amendments are never changed');
END;

-- trigger amendments_never_deleted
CREATE TRIGGER amendments_never_deleted BEFORE DELETE ON amendments
BEGIN
    SELECT RAISE(ABORT, 'amendments are never deleted');
END;

-- trigger audit_never_changed
CREATE TRIGGER audit_never_changed BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

-- trigger audit_never_deleted
CREATE TRIGGER audit_never_deleted BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

-- trigger records_change_only_by_amendment
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

-- trigger records_never_deleted
CREATE TRIGGER records_never_deleted BEFORE DELETE ON records
BEGIN
    SELECT RAISE(ABORT, 'records are never deleted');
END;

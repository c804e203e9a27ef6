-- index attachment_files_by_child
CREATE INDEX attachment_files_by_child ON attachment_files (child_id);

-- index disposals_by_child
CREATE INDEX disposals_by_child ON disposals (child_id);

-- index kept_findings_by_child
CREATE INDEX kept_findings_by_child ON kept_findings (child_id);

-- index record_seals_by_audit
CREATE INDEX record_seals_by_audit ON record_seals (audit_seq);

-- index records_by_child
CREATE INDEX records_by_child ON records (child_id, kind, occurred_on);

-- index records_by_kind
CREATE INDEX records_by_kind ON records (kind, occurred_on);

-- index team_events_by_subject
CREATE INDEX team_events_by_subject ON team_events (subject, hlc);

-- index transfer_packs_by_transfer
CREATE INDEX transfer_packs_by_transfer ON transfer_packs (transfer_id);

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

-- table attachment_files
CREATE TABLE attachment_files (
    record_id TEXT PRIMARY KEY,
    child_id  TEXT NOT NULL,
    sha256    TEXT NOT NULL,
    size      INTEGER NOT NULL,
    data      BLOB NOT NULL
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
, seal TEXT NOT NULL DEFAULT '');

-- table disposals
CREATE TABLE disposals (
    id              TEXT PRIMARY KEY,
    child_id        TEXT NOT NULL,
    retain_until    TEXT,
    decided_at      TEXT NOT NULL,
    decided_by      TEXT NOT NULL CHECK (length(trim(decided_by)) > 0),
    recorded_by     TEXT NOT NULL,
    reason          TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    records_removed INTEGER,
    completed_at    TEXT
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

-- table kept_findings
CREATE TABLE "kept_findings" (
    child_id    TEXT NOT NULL,
    what        TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    on_day      TEXT NOT NULL,
    until_day   TEXT NOT NULL,
    body        TEXT NOT NULL CHECK (json_valid(body)),
    UNIQUE (what, child_id)
);

-- table meta
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- table record_seals
CREATE TABLE record_seals (
    record_id TEXT NOT NULL,
    version   INTEGER NOT NULL,
    child_id  TEXT,
    digest    TEXT NOT NULL,
    audit_seq INTEGER NOT NULL,
    PRIMARY KEY (record_id, version, audit_seq)
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
CREATE VIRTUAL TABLE "search" USING fts5 (
    text,
    child_id UNINDEXED,
    kind UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);

-- table search_config
CREATE TABLE "search_config"(k PRIMARY KEY, v) WITHOUT ROWID;

-- table search_content
CREATE TABLE "search_content"(id INTEGER PRIMARY KEY, c0, c1, c2);

-- table search_data
CREATE TABLE "search_data"(id INTEGER PRIMARY KEY, block BLOB);

-- table search_docsize
CREATE TABLE "search_docsize"(id INTEGER PRIMARY KEY, sz BLOB);

-- table search_idx
CREATE TABLE "search_idx"(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table search_terms
CREATE VIRTUAL TABLE search_terms USING fts5vocab (search, row);

-- table team_amendments
CREATE TABLE team_amendments (
    record_id TEXT NOT NULL,
    version   INTEGER NOT NULL,
    event_id  TEXT NOT NULL,
    PRIMARY KEY (record_id, version)
);

-- table team_applied
CREATE TABLE team_applied (
    device_id TEXT PRIMARY KEY,
    seq       INTEGER NOT NULL
);

-- table team_audit
CREATE TABLE team_audit (
    device_id TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    at        TEXT NOT NULL,
    user      TEXT NOT NULL,
    action    TEXT NOT NULL,
    object    TEXT NOT NULL,
    detail    TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL,
    seal      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (device_id, seq)
);

-- table team_devices
CREATE TABLE team_devices (
    device_id     TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL,
    sign_public   TEXT NOT NULL,
    box_public    TEXT NOT NULL,
    added_hlc     TEXT NOT NULL,
    removed_after INTEGER
);

-- table team_events
CREATE TABLE team_events (
    event_id  TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    hlc       TEXT NOT NULL,
    kind      TEXT NOT NULL,
    subject   TEXT NOT NULL,
    payload   TEXT NOT NULL CHECK (json_valid(payload))
);

-- table team_keys
CREATE TABLE team_keys (
    key_id TEXT PRIMARY KEY,
    epoch  INTEGER NOT NULL,
    key    TEXT NOT NULL
);

-- table team_meta
CREATE TABLE team_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- table team_outbox
CREATE TABLE team_outbox (
    seq     INTEGER PRIMARY KEY,
    name    TEXT NOT NULL,
    content BLOB NOT NULL
);

-- table team_records
CREATE TABLE team_records (
    record_id TEXT PRIMARY KEY
);

-- table team_registers
CREATE TABLE team_registers (
    name      TEXT PRIMARY KEY,
    value     TEXT NOT NULL,
    hlc       TEXT NOT NULL,
    device_id TEXT NOT NULL
);

-- table transfer_packs
CREATE TABLE transfer_packs (
    pack_id       TEXT PRIMARY KEY,
    direction     TEXT NOT NULL CHECK (direction IN ('outgoing', 'incoming')),
    transfer_id   TEXT NOT NULL REFERENCES records (id),
    child_id      TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    receipt_check TEXT NOT NULL
);

-- table users
CREATE TABLE users (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    active     INTEGER NOT NULL DEFAULT 1
);

-- trigger amendments_deleted_only_by_disposal
CREATE TRIGGER amendments_deleted_only_by_disposal BEFORE DELETE ON amendments
WHEN NOT EXISTS (
    SELECT 1 FROM records
    JOIN disposals ON disposals.child_id = records.child_id AND disposals.completed_at IS NULL
    WHERE records.id = OLD.record_id
)
BEGIN
    SELECT RAISE(ABORT, 'amendments are never deleted, except under a recorded disposal decision');
END;

-- trigger amendments_never_changed
CREATE TRIGGER amendments_never_changed BEFORE UPDATE ON amendments
BEGIN
    SELECT RAISE(ABORT, 'amendments are never changed');
END;

-- trigger attachment_files_deleted_only_by_disposal
CREATE TRIGGER attachment_files_deleted_only_by_disposal BEFORE DELETE ON attachment_files
WHEN NOT EXISTS (
    SELECT 1 FROM disposals WHERE disposals.child_id = OLD.child_id AND disposals.completed_at IS NULL
)
BEGIN
    SELECT RAISE(ABORT, 'attached files are never deleted, except under a recorded disposal decision');
END;

-- trigger attachment_files_never_changed
CREATE TRIGGER attachment_files_never_changed BEFORE UPDATE ON attachment_files
BEGIN
    SELECT RAISE(ABORT, 'attached files are never changed');
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

-- trigger disposals_completed_once
CREATE TRIGGER disposals_completed_once BEFORE UPDATE ON disposals
WHEN OLD.completed_at IS NOT NULL
  OR NEW.completed_at IS NULL
  OR NEW.id IS NOT OLD.id
  OR NEW.child_id IS NOT OLD.child_id
  OR NEW.retain_until IS NOT OLD.retain_until
  OR NEW.decided_at IS NOT OLD.decided_at
  OR NEW.decided_by IS NOT OLD.decided_by
  OR NEW.recorded_by IS NOT OLD.recorded_by
  OR NEW.reason IS NOT OLD.reason
BEGIN
    SELECT RAISE(ABORT, 'a disposal decision is changed only once, to record that it was carried out');
END;

-- trigger disposals_never_deleted
CREATE TRIGGER disposals_never_deleted BEFORE DELETE ON disposals
BEGIN
    SELECT RAISE(ABORT, 'disposal decisions are never deleted');
END;

-- trigger kept_chronology_stale_on_overwrite
CREATE TRIGGER kept_chronology_stale_on_overwrite BEFORE INSERT ON records
WHEN EXISTS (SELECT 1 FROM records WHERE id = NEW.id)
BEGIN
    DELETE FROM kept_findings
    WHERE what = 'chronology'
      AND child_id IN (NEW.child_id, (SELECT child_id FROM records WHERE id = NEW.id));
END;

-- trigger kept_findings_stale_on_amend
CREATE TRIGGER kept_findings_stale_on_amend AFTER UPDATE ON records
WHEN NEW.child_id IS NOT NULL
BEGIN
    DELETE FROM kept_findings WHERE child_id = NEW.child_id;
END;

-- trigger kept_findings_stale_on_disposal
CREATE TRIGGER kept_findings_stale_on_disposal AFTER DELETE ON records
WHEN OLD.child_id IS NOT NULL
BEGIN
    DELETE FROM kept_findings WHERE child_id = OLD.child_id;
END;

-- trigger kept_findings_stale_on_insert
CREATE TRIGGER kept_findings_stale_on_insert AFTER INSERT ON records
WHEN NEW.child_id IS NOT NULL
BEGIN
    DELETE FROM kept_findings WHERE child_id = NEW.child_id AND what <> 'chronology';
END;

-- trigger kept_roster_stale_on_disposal
CREATE TRIGGER kept_roster_stale_on_disposal AFTER DELETE ON records
WHEN OLD.kind = 'child'
BEGIN
    DELETE FROM kept_findings WHERE child_id = '*';
END;

-- trigger kept_roster_stale_on_new_child
CREATE TRIGGER kept_roster_stale_on_new_child AFTER INSERT ON records
WHEN NEW.kind = 'child'
BEGIN
    DELETE FROM kept_findings WHERE child_id = '*';
END;

-- trigger record_seals_never_changed
CREATE TRIGGER record_seals_never_changed BEFORE UPDATE ON record_seals
BEGIN
    SELECT RAISE(ABORT, 'record seals are never changed');
END;

-- trigger record_seals_never_deleted
CREATE TRIGGER record_seals_never_deleted BEFORE DELETE ON record_seals
BEGIN
    SELECT RAISE(ABORT, 'record seals are never deleted');
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

-- trigger records_deleted_only_by_disposal
CREATE TRIGGER records_deleted_only_by_disposal BEFORE DELETE ON records
WHEN NOT EXISTS (
    SELECT 1 FROM disposals WHERE disposals.child_id = OLD.child_id AND disposals.completed_at IS NULL
)
BEGIN
    SELECT RAISE(ABORT, 'records are never deleted, except under a recorded disposal decision');
END;

-- trigger team_audit_never_changed
CREATE TRIGGER team_audit_never_changed BEFORE UPDATE ON team_audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

-- trigger team_audit_never_deleted
CREATE TRIGGER team_audit_never_deleted BEFORE DELETE ON team_audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

-- trigger team_events_never_changed
CREATE TRIGGER team_events_never_changed BEFORE UPDATE ON team_events
BEGIN
    SELECT RAISE(ABORT, 'team change events are never changed');
END;

-- trigger team_events_never_deleted
CREATE TRIGGER team_events_never_deleted BEFORE DELETE ON team_events
BEGIN
    SELECT RAISE(ABORT, 'team change events are never deleted');
END;

-- trigger transfer_packs_deleted_only_by_disposal
CREATE TRIGGER transfer_packs_deleted_only_by_disposal BEFORE DELETE ON transfer_packs
WHEN NOT EXISTS (
    SELECT 1 FROM disposals WHERE disposals.child_id = OLD.child_id AND disposals.completed_at IS NULL
)
BEGIN
    SELECT RAISE(ABORT, 'transfer pack rows are never deleted, except under a recorded disposal decision');
END;

-- trigger transfer_packs_never_changed
CREATE TRIGGER transfer_packs_never_changed BEFORE UPDATE ON transfer_packs
BEGIN
    SELECT RAISE(ABORT, 'transfer pack rows are never changed');
END;

-- DSL Casebook schema, version 2: retention and disposal.
-- A child's CP file is kept until its retention date (their 25th birthday unless a DSL records a
-- different date with a reason). After that date it may be disposed of, but only as a recorded
-- decision: a row in disposals (who decided, when, why, the retention date; no names) is written in
-- the same transaction as the deletes, and the triggers below refuse any delete of a record or an
-- amendment that has no open disposal decision for its child. The disposal row and the audit trail
-- are never deleted.

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
CREATE INDEX disposals_by_child ON disposals (child_id);

CREATE TRIGGER disposals_never_deleted BEFORE DELETE ON disposals
BEGIN
    SELECT RAISE(ABORT, 'disposal decisions are never deleted');
END;

-- The only change allowed: marking an open decision as carried out (once).
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

DROP TRIGGER records_never_deleted;

CREATE TRIGGER records_deleted_only_by_disposal BEFORE DELETE ON records
WHEN NOT EXISTS (
    SELECT 1 FROM disposals WHERE disposals.child_id = OLD.child_id AND disposals.completed_at IS NULL
)
BEGIN
    SELECT RAISE(ABORT, 'records are never deleted, except under a recorded disposal decision');
END;

DROP TRIGGER amendments_never_deleted;

CREATE TRIGGER amendments_deleted_only_by_disposal BEFORE DELETE ON amendments
WHEN NOT EXISTS (
    SELECT 1 FROM records
    JOIN disposals ON disposals.child_id = records.child_id AND disposals.completed_at IS NULL
    WHERE records.id = OLD.record_id
)
BEGIN
    SELECT RAISE(ABORT, 'amendments are never deleted, except under a recorded disposal decision');
END;

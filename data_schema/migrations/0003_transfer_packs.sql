-- DSL Casebook schema, version 3: CP file transfer packs.
-- One row per transfer pack sent or received, linking it to its Transfer record. receipt_check is a
-- SHA-256 digest of the receipt code the receiving school's app will show, so the sending app can check
-- the code the receiving DSL reads back without keeping the pack's passphrase or key.

CREATE TABLE transfer_packs (
    pack_id       TEXT PRIMARY KEY,
    direction     TEXT NOT NULL CHECK (direction IN ('outgoing', 'incoming')),
    transfer_id   TEXT NOT NULL REFERENCES records (id),
    child_id      TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    receipt_check TEXT NOT NULL
);
CREATE INDEX transfer_packs_by_transfer ON transfer_packs (transfer_id);

CREATE TRIGGER transfer_packs_never_changed BEFORE UPDATE ON transfer_packs
BEGIN
    SELECT RAISE(ABORT, 'transfer pack rows are never changed');
END;

CREATE TRIGGER transfer_packs_deleted_only_by_disposal BEFORE DELETE ON transfer_packs
WHEN NOT EXISTS (
    SELECT 1 FROM disposals WHERE disposals.child_id = OLD.child_id AND disposals.completed_at IS NULL
)
BEGIN
    SELECT RAISE(ABORT, 'transfer pack rows are never deleted, except under a recorded disposal decision');
END;

-- DSL Casebook schema, version 7: attachments (issue 17). Originals and documents (scans of handwritten concern
-- forms, letters, minutes, other agencies' reports) are kept inside the encrypted database, never as loose
-- files. Each file's bytes sit here beside its attachment record (kind 'attachment' in records), written in
-- the same transaction as that record and its audit row, which names the file's SHA-256. The bytes are never
-- changed, and deleted only under a recorded disposal decision for the child (as records are, migration 0002).

CREATE TABLE attachment_files (
    record_id TEXT PRIMARY KEY,
    child_id  TEXT NOT NULL,
    sha256    TEXT NOT NULL,
    size      INTEGER NOT NULL,
    data      BLOB NOT NULL
);
CREATE INDEX attachment_files_by_child ON attachment_files (child_id);

CREATE TRIGGER attachment_files_never_changed BEFORE UPDATE ON attachment_files
BEGIN
    SELECT RAISE(ABORT, 'attached files are never changed');
END;

CREATE TRIGGER attachment_files_deleted_only_by_disposal BEFORE DELETE ON attachment_files
WHEN NOT EXISTS (
    SELECT 1 FROM disposals WHERE disposals.child_id = OLD.child_id AND disposals.completed_at IS NULL
)
BEGIN
    SELECT RAISE(ABORT, 'attached files are never deleted, except under a recorded disposal decision');
END;

-- DSL Casebook schema, version 5: each record's content is sealed into the audit chain.
-- Every write of a record (create, amend, import) stores a digest of each version's stored body here,
-- and the audit row written in the same transaction carries a digest of those seals in its own hash.
-- `dslapp audit verify` recomputes both, so a record changed, added or removed behind the app's back is
-- found. Seals hold digests and ids only; they are never changed or deleted.

ALTER TABLE audit ADD COLUMN seal TEXT NOT NULL DEFAULT '';

CREATE TABLE record_seals (
    record_id TEXT NOT NULL,
    version   INTEGER NOT NULL,
    child_id  TEXT,
    digest    TEXT NOT NULL,
    audit_seq INTEGER NOT NULL,
    PRIMARY KEY (record_id, version, audit_seq)
);
CREATE INDEX record_seals_by_audit ON record_seals (audit_seq);

CREATE TRIGGER record_seals_never_changed BEFORE UPDATE ON record_seals
BEGIN
    SELECT RAISE(ABORT, 'record seals are never changed');
END;

CREATE TRIGGER record_seals_never_deleted BEFORE DELETE ON record_seals
BEGIN
    SELECT RAISE(ABORT, 'record seals are never deleted');
END;

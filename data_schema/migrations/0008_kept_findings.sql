-- DSL Casebook schema, version 8: kept findings (issue 16). What the practice rules found for each child on a
-- day (Today's items), kept so that unlocking a large casebook does not run every rule over every record again.
-- A row holds for the days on_day .. until_day - 1 and only while the child's records are unchanged: the
-- triggers below remove it in the same transaction as any record of that child is added, amended or disposed
-- of, however the record arrived (typed, imported, synced from a team member). It is derived state, never
-- evidence: it can be removed at any time and is worked out again from the records.

CREATE TABLE kept_findings (
    child_id    TEXT NOT NULL,
    what        TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    on_day      TEXT NOT NULL,
    until_day   TEXT NOT NULL,
    body        TEXT NOT NULL CHECK (json_valid(body)),
    PRIMARY KEY (what, child_id)
) WITHOUT ROWID;
-- An unlock reads one kind of finding for every child (kept together by the key); a write to a child's records
-- removes that child's rows of every kind (this index).
CREATE INDEX kept_findings_by_child ON kept_findings (child_id);

CREATE TRIGGER kept_findings_stale_on_insert AFTER INSERT ON records
WHEN NEW.child_id IS NOT NULL
BEGIN
    DELETE FROM kept_findings WHERE child_id = NEW.child_id;
END;

CREATE TRIGGER kept_findings_stale_on_amend AFTER UPDATE ON records
WHEN NEW.child_id IS NOT NULL
BEGIN
    DELETE FROM kept_findings WHERE child_id = NEW.child_id;
END;

CREATE TRIGGER kept_findings_stale_on_disposal AFTER DELETE ON records
WHEN OLD.child_id IS NOT NULL
BEGIN
    DELETE FROM kept_findings WHERE child_id = OLD.child_id;
END;

-- The roster (child_id '*'): the id of every child, kept so an unlock need not look for them among the records;
-- removed whenever a child is added or disposed of.
CREATE TRIGGER kept_roster_stale_on_new_child AFTER INSERT ON records
WHEN NEW.kind = 'child'
BEGIN
    DELETE FROM kept_findings WHERE child_id = '*';
END;

CREATE TRIGGER kept_roster_stale_on_disposal AFTER DELETE ON records
WHEN OLD.kind = 'child'
BEGIN
    DELETE FROM kept_findings WHERE child_id = '*';
END;

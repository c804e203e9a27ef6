-- DSL Casebook schema, version 10: kept findings in an ordinary table (issue 16). Migration 8 made kept_findings a
-- WITHOUT ROWID table, which keeps whole rows in the b-tree of its key, inner pages included: finding one row
-- compared the key with whole rows of several kilobytes (a heavy child's kept chronology is ~1.7 MB), reading and
-- decrypting them, ~2 ms before the row itself was read; reading one kind for every child took ~6 ms at 1,000
-- children. Here the rows are in a table of their own and the key (what, child_id) in an index of small entries
-- (~0.05 ms and ~1 ms). The kept rows are copied across, so the first unlock after the upgrade works nothing out
-- again. The triggers of migrations 8 and 9 name the table and are kept as they are: the old table is dropped
-- before the new one takes its name, which the legacy rename allows (it does not check the triggers' SQL).

CREATE TABLE kept_findings_new (
    child_id    TEXT NOT NULL,
    what        TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    on_day      TEXT NOT NULL,
    until_day   TEXT NOT NULL,
    body        TEXT NOT NULL CHECK (json_valid(body)),
    UNIQUE (what, child_id)
);
INSERT INTO kept_findings_new (child_id, what, fingerprint, on_day, until_day, body)
    SELECT child_id, what, fingerprint, on_day, until_day, body FROM kept_findings;
DROP TABLE kept_findings;
PRAGMA legacy_alter_table = ON;
ALTER TABLE kept_findings_new RENAME TO kept_findings;
PRAGMA legacy_alter_table = OFF;
-- A write to a child's records removes that child's rows of every kind (the triggers, through this index).
CREATE INDEX kept_findings_by_child ON kept_findings (child_id);

-- DSL Casebook schema, version 10: kept findings in a rowid table (issue 16).
-- In a WITHOUT ROWID table a row longer than about 1,000 bytes spills into an overflow page of its own; a child's
-- kept Today is about that long, so reading every child's Today at unlock read one or two 4 KB pages per child
-- (5,000 children: ~90 ms, growing faster than the casebook). A rowid table keeps rows of up to ~4 KB in their
-- page, several to a page (~35 ms). The rows are derived state: they are dropped here, not copied, and worked out
-- again from the records at the next unlock. The triggers on records (0008, 0009) name the table, not its shape,
-- and go on working on the new one.

DROP INDEX kept_findings_by_child;
DROP TABLE kept_findings;

CREATE TABLE kept_findings (
    child_id    TEXT NOT NULL,
    what        TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    on_day      TEXT NOT NULL,
    until_day   TEXT NOT NULL,
    body        TEXT NOT NULL CHECK (json_valid(body)),
    UNIQUE (what, child_id)
);
CREATE INDEX kept_findings_by_child ON kept_findings (child_id);

-- DSL Casebook schema, version 9: a child's chronology kept (issue 16). The rows of a child's chronology, with
-- their wording hints, are kept in kept_findings (what = 'chronology') so opening a heavy child's chronology
-- reads one row instead of building thousands of rows again. The kept body says up to which records.rowid of
-- the child it was built, so a record added later is found by its rowid and either merged into the kept rows
-- (a concern that nothing links to, a record that gives no row) or the chronology is built again.
--
-- So a new record of a child (an INSERT) no longer removes that child's kept chronology; an amendment or a team
-- merge overwriting a record (an UPDATE) and a disposal (a DELETE) still do, as they do every other kept row.

DROP TRIGGER kept_findings_stale_on_insert;

CREATE TRIGGER kept_findings_stale_on_insert AFTER INSERT ON records
WHEN NEW.child_id IS NOT NULL
BEGIN
    DELETE FROM kept_findings WHERE child_id = NEW.child_id AND what <> 'chronology';
END;

-- Records are only ever added with a plain INSERT, so this never fires; but an INSERT OR REPLACE over an existing
-- record would remove the old row without running the delete triggers (recursive_triggers is off) and give the
-- new one a new rowid, which a kept chronology would take for a record added. Before such an overwrite, the kept
-- chronology of the child (or children) concerned is removed.
CREATE TRIGGER kept_chronology_stale_on_overwrite BEFORE INSERT ON records
WHEN EXISTS (SELECT 1 FROM records WHERE id = NEW.id)
BEGIN
    DELETE FROM kept_findings
    WHERE what = 'chronology'
      AND child_id IN (NEW.child_id, (SELECT child_id FROM records WHERE id = NEW.id));
END;

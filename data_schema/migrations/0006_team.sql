-- DSL Casebook schema, version 6: the team casebook (issue 18).
-- A casebook may be one device of a team whose change files travel through a folder another program
-- replicates. These tables stay empty in a casebook of one. Secrets here (this device's private keys, the
-- team data keys) are inside the encrypted database, never in the team folder or vault.keys in clear.

-- One row per setting of this device's membership: team id, device id, folder, private keys, the clock.
CREATE TABLE team_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Every device of the team as this device knows it. removed_after: the last sequence number of the device's
-- change files accepted (later ones are refused); NULL while a member.
CREATE TABLE team_devices (
    device_id     TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL,
    sign_public   TEXT NOT NULL,
    box_public    TEXT NOT NULL,
    added_hlc     TEXT NOT NULL,
    removed_after INTEGER
);

-- The team data keys, one per key epoch (a removal starts a new one); key_id names a key in file headers.
CREATE TABLE team_keys (
    key_id TEXT PRIMARY KEY,
    epoch  INTEGER NOT NULL,
    key    TEXT NOT NULL
);

-- Every change event of the team known here (this device's and everyone else's), in the form it travelled.
-- The fold of a record's amendment events in clock order is its body on every device.
CREATE TABLE team_events (
    event_id  TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    hlc       TEXT NOT NULL,
    kind      TEXT NOT NULL,
    subject   TEXT NOT NULL,
    payload   TEXT NOT NULL CHECK (json_valid(payload))
);
CREATE INDEX team_events_by_subject ON team_events (subject, hlc);

-- The highest change file of each device applied here; files are applied in order, never skipping one.
CREATE TABLE team_applied (
    device_id TEXT PRIMARY KEY,
    seq       INTEGER NOT NULL
);

-- This device's change files, kept until written to the team folder (and after: a lost file is rewritten
-- byte for byte, never renumbered).
CREATE TABLE team_outbox (
    seq     INTEGER PRIMARY KEY,
    name    TEXT NOT NULL,
    content BLOB NOT NULL
);

-- Which records and amendment rows are already known to the team (sent from here or received): anything
-- not listed is this device's own work still to send.
CREATE TABLE team_records (
    record_id TEXT PRIMARY KEY
);
CREATE TABLE team_amendments (
    record_id TEXT NOT NULL,
    version   INTEGER NOT NULL,
    event_id  TEXT NOT NULL,
    PRIMARY KEY (record_id, version)
);

-- Last-writer-wins values shared by the team (settings); every write is also kept in team_events.
CREATE TABLE team_registers (
    name      TEXT PRIMARY KEY,
    value     TEXT NOT NULL,
    hlc       TEXT NOT NULL,
    device_id TEXT NOT NULL
);

-- Other devices' audit trails, each its own hash chain, kept as they were written there.
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

CREATE TRIGGER team_audit_never_changed BEFORE UPDATE ON team_audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER team_audit_never_deleted BEFORE DELETE ON team_audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER team_events_never_changed BEFORE UPDATE ON team_events
BEGIN
    SELECT RAISE(ABORT, 'team change events are never changed');
END;

CREATE TRIGGER team_events_never_deleted BEFORE DELETE ON team_events
BEGIN
    SELECT RAISE(ABORT, 'team change events are never deleted');
END;

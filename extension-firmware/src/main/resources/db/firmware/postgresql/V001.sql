-- PostgreSQL's variant of ../V001.sql: bytes are BYTEA where SQLite has BLOB.
-- firmware.db (here: schema firmware) belongs to extension-firmware alone.
-- Devices are keyed by their id, never their name (the name is kept only to show it in answers), so a
-- re-created device name inherits no assignment. Timestamps are epoch milliseconds.
-- `type` is FIRMWARE or SOFTWARE: ThingsBoard's fw_* and sw_* packages, handled the same way.

-- An uploaded package. The bytes live in the row: packages are at most max-package-size, served to devices from
-- a weight-bounded cache, so the blob is read once per cache fill, not once per chunk.
CREATE TABLE ota_package (
    id                 TEXT    NOT NULL PRIMARY KEY,
    account            TEXT    NOT NULL,
    type               TEXT    NOT NULL CHECK (type IN ('FIRMWARE', 'SOFTWARE')),
    title              TEXT    NOT NULL,
    version            TEXT    NOT NULL,
    tag                TEXT,
    checksum_algorithm TEXT    NOT NULL,
    checksum           TEXT    NOT NULL,
    size               BIGINT  NOT NULL,
    content_type       TEXT    NOT NULL,
    data               BYTEA   NOT NULL,
    created_at         BIGINT  NOT NULL,
    UNIQUE (account, type, title, version)
);

-- The pieces of an upload sent in several messages, until its final piece assembles the package.
CREATE TABLE upload_part (
    account      TEXT   NOT NULL,
    type         TEXT   NOT NULL,
    title        TEXT   NOT NULL,
    version      TEXT   NOT NULL,
    start_offset BIGINT NOT NULL,
    data         BYTEA  NOT NULL,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (account, type, title, version, start_offset)
);

-- What a device should run: at most one package per device and type. A package is not deleted while assigned.
CREATE TABLE assignment (
    device_id   TEXT   NOT NULL,
    type        TEXT   NOT NULL,
    account     TEXT   NOT NULL,
    device      TEXT   NOT NULL,
    package_id  TEXT   NOT NULL REFERENCES ota_package (id),
    assigned_at BIGINT NOT NULL,
    PRIMARY KEY (device_id, type)
);
CREATE INDEX assignment_by_package ON assignment (package_id);

-- The rollout state a device reported (fw_state, fw_error, current_fw_*), or the server's INITIATED on assignment.
CREATE TABLE rollout (
    device_id       TEXT   NOT NULL,
    type            TEXT   NOT NULL,
    account         TEXT   NOT NULL,
    device          TEXT   NOT NULL,
    state           TEXT,
    error           TEXT,
    current_title   TEXT,
    current_version TEXT,
    updated_at      BIGINT NOT NULL,
    PRIMARY KEY (device_id, type)
);
CREATE INDEX rollout_by_account ON rollout (account, device);

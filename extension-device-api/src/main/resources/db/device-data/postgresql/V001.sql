-- PostgreSQL's variant of ../V001.sql: its tables have no rowid to leave out (SQLite's WITHOUT ROWID), and a
-- double is DOUBLE PRECISION.
-- device-data.db (here: schema device_data) belongs to extension-device-api alone (one owner per database file, DESIGN.md section 2 rule 2).
-- Everything is keyed by the device's id, never its name, so a re-created name inherits nothing.
-- Timestamps are epoch milliseconds.
--
-- Values are typed as ThingsBoard types them. `type` names the one value column that holds the value,
-- the others are NULL (a NULL costs one byte of the row header):
--   1 BOOLEAN -> bool_v, 2 LONG -> long_v, 3 DOUBLE -> dbl_v, 4 STRING -> str_v, 5 JSON -> json_v (compact text).
-- The CHECK keeps type and columns in agreement, so a reader never has to guess.

-- Telemetry history. A later write for the same (device, key, ts) replaces the value, as in ThingsBoard.
CREATE TABLE ts_kv (
    device_id TEXT     NOT NULL,
    key       TEXT     NOT NULL,
    ts        BIGINT   NOT NULL,
    type      SMALLINT NOT NULL,
    bool_v    BOOLEAN,
    long_v    BIGINT,
    dbl_v     DOUBLE PRECISION,
    str_v     TEXT,
    json_v    TEXT,
    PRIMARY KEY (device_id, key, ts),
    CHECK (type BETWEEN 1 AND 5
        AND (type = 1) = (bool_v IS NOT NULL)
        AND (type = 2) = (long_v IS NOT NULL)
        AND (type = 3) = (dbl_v IS NOT NULL)
        AND (type = 4) = (str_v IS NOT NULL)
        AND (type = 5) = (json_v IS NOT NULL))
);

-- The newest point of every series, moved only by a point whose ts is >= the stored one. Never purged:
-- it is also the list of series that telemetry retention walks, so ts_kv needs no index on ts alone.
CREATE TABLE ts_kv_latest (
    device_id TEXT     NOT NULL,
    key       TEXT     NOT NULL,
    ts        BIGINT   NOT NULL,
    type      SMALLINT NOT NULL,
    bool_v    BOOLEAN,
    long_v    BIGINT,
    dbl_v     DOUBLE PRECISION,
    str_v     TEXT,
    json_v    TEXT,
    PRIMARY KEY (device_id, key),
    CHECK (type BETWEEN 1 AND 5
        AND (type = 1) = (bool_v IS NOT NULL)
        AND (type = 2) = (long_v IS NOT NULL)
        AND (type = 3) = (dbl_v IS NOT NULL)
        AND (type = 4) = (str_v IS NOT NULL)
        AND (type = 5) = (json_v IS NOT NULL))
);

-- Client attributes (written by the device) and shared attributes (written by applications).
-- last_update_ts is when the value last changed: saving an equal value writes nothing.
CREATE TABLE attribute (
    device_id      TEXT     NOT NULL,
    scope          TEXT     NOT NULL CHECK (scope IN ('CLIENT', 'SHARED')),
    key            TEXT     NOT NULL,
    type           SMALLINT NOT NULL,
    bool_v         BOOLEAN,
    long_v         BIGINT,
    dbl_v          DOUBLE PRECISION,
    str_v          TEXT,
    json_v         TEXT,
    last_update_ts BIGINT   NOT NULL,
    PRIMARY KEY (device_id, scope, key),
    CHECK (type BETWEEN 1 AND 5
        AND (type = 1) = (bool_v IS NOT NULL)
        AND (type = 2) = (long_v IS NOT NULL)
        AND (type = 3) = (dbl_v IS NOT NULL)
        AND (type = 4) = (str_v IS NOT NULL)
        AND (type = 5) = (json_v IS NOT NULL))
);

-- Server-side RPC request ids: per device from 0, continuing across restarts (ThingsBoard restarts at 0).
CREATE TABLE rpc_sequence (
    device_id TEXT    NOT NULL PRIMARY KEY,
    next_id   INTEGER NOT NULL
);

-- Persistent server-side RPC (ThingsBoard's RpcStatus without DELETED).
CREATE TABLE rpc (
    device_id     TEXT    NOT NULL,
    request_id    INTEGER NOT NULL,
    method        TEXT    NOT NULL,
    params        TEXT    NOT NULL,
    oneway        BOOLEAN NOT NULL,
    status        TEXT    NOT NULL
        CHECK (status IN ('QUEUED', 'SENT', 'DELIVERED', 'SUCCESSFUL', 'TIMEOUT', 'EXPIRED', 'FAILED')),
    created_ts    BIGINT  NOT NULL,
    expiration_ts BIGINT  NOT NULL,
    response      TEXT,
    error         TEXT,
    PRIMARY KEY (device_id, request_id)
);
-- Partial indexes hold only the rows still waiting, so they stay small however many finished requests pile up.
CREATE INDEX rpc_queued ON rpc (device_id, request_id) WHERE status = 'QUEUED';
CREATE INDEX rpc_pending_expiry ON rpc (expiration_ts) WHERE status IN ('QUEUED', 'SENT');

-- PostgreSQL's variant of ../V003.sql: no rowid to leave out, and a double is DOUBLE PRECISION.
-- Telemetry as it arrives, until it is folded into ts_kv (telemetry.PendingHistory).
-- Appending each point straight into ts_kv's (device_id, key, ts) B-tree dirtied one leaf page per series in
-- every commit: with 100 devices of 3 keys, a commit of 100 messages wrote some 300 pages to the WAL, and
-- commits took three quarters of the writer's time. Rows here are appended in arrival order (`id`, given by the
-- writer), so a commit dirties a few pages; a fold of many rows at a time writes each series' leaf once.
-- `part` spreads the devices over a few partitions (by the device id's hash), folded one at a time: a fold
-- then touches the series of a fraction of the devices, and the writes queued behind it wait less. The key
-- keeps a partition's rows together, so a fold removes whole pages rather than a few rows from every page.
-- Same columns and CHECK as ts_kv, so a row that would not fold is refused when it is appended.
CREATE TABLE ts_kv_pending (
    part      SMALLINT NOT NULL,
    id        BIGINT   NOT NULL,
    device_id TEXT     NOT NULL,
    key       TEXT     NOT NULL,
    ts        BIGINT   NOT NULL,
    type      SMALLINT NOT NULL,
    bool_v    BOOLEAN,
    long_v    BIGINT,
    dbl_v     DOUBLE PRECISION,
    str_v     TEXT,
    json_v    TEXT,
    CHECK (type BETWEEN 1 AND 5
        AND (type = 1) = (bool_v IS NOT NULL)
        AND (type = 2) = (long_v IS NOT NULL)
        AND (type = 3) = (dbl_v IS NOT NULL)
        AND (type = 4) = (str_v IS NOT NULL)
        AND (type = 5) = (json_v IS NOT NULL)),
    PRIMARY KEY (part, id)
);

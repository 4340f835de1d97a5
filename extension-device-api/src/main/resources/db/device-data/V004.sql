-- Telemetry, second layout: a series dictionary, durable ingest rows and compressed chunks, as time-series stores
-- keep them (Prometheus' head and chunks, Gorilla, InfluxDB's TSM). V005 converts the first layout (ts_kv,
-- ts_kv_pending, ts_kv_latest) into these tables, V006 drops it. Everything here stores the same on PostgreSQL:
-- integers, doubles, text and byte strings (BLOB is bytea there).

-- One row per (device, key): every other telemetry table refers to the integer id. `sealed_to` is the last ingest
-- row id whose points of this series are all in ts_chunk: a restart replays only what comes after it.
CREATE TABLE series (
    id        INTEGER NOT NULL PRIMARY KEY,
    device_id TEXT    NOT NULL,
    key       TEXT    NOT NULL,
    sealed_to BIGINT  NOT NULL DEFAULT 0,
    UNIQUE (device_id, key)
);

-- Durable ingest: one row per commit of the writer, holding the points of every message of that commit in a
-- compact binary form (series id, ts, typed value). Committed before any of those messages is acknowledged;
-- deleted, by range of id, once every point in it is in a chunk. AUTOINCREMENT: an id is never used twice, even
-- after the table was emptied, because ids order the writes ("a later write wins"). `writer` names the node that
-- wrote the row: a node keeps its own unsealed points in memory and reads only other writers' rows.
CREATE TABLE ts_ingest (
    id     INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    writer TEXT    NOT NULL,
    points BLOB    NOT NULL
);

-- Sealed history: the points of one series over [start_ts, end_ts], encoded (telemetry.codec.ChunkCodec), at most
-- one point per ts. `seq` is the last ingest row id of its points: of two chunks holding a point at the same ts, the
-- one with the higher seq was written later and wins; chunks may overlap in time until compaction merges them.
-- The summary (count of all points; over the LONG and DOUBLE ones: their counts, min, max, sum, and the numeric
-- value of the first and last point, NULL where there is none or a long is beyond a double's exact range) answers
-- aggregates without decoding the chunk. `overlaps` is set on both chunks when one is written that shares time with
-- another of its series (points out of order, a replay): aggregates answer only chunks without it from their
-- summaries; compaction replaces overlapping chunks with merged ones without it. A rowid table: rows of a few
-- hundred bytes, read by (series_id, end_ts).
CREATE TABLE ts_chunk (
    id        INTEGER NOT NULL PRIMARY KEY,
    series_id INTEGER NOT NULL REFERENCES series (id),
    start_ts  BIGINT  NOT NULL,
    end_ts    BIGINT  NOT NULL,
    seq       BIGINT  NOT NULL,
    count     INTEGER NOT NULL,
    num_count INTEGER NOT NULL,
    dbl_count INTEGER NOT NULL,
    min       DOUBLE,
    max       DOUBLE,
    sum       DOUBLE,
    first     DOUBLE,
    last      DOUBLE,
    data      BLOB    NOT NULL,
    overlaps  BOOLEAN NOT NULL DEFAULT FALSE,
    CHECK (start_ts <= end_ts AND count >= 1 AND num_count BETWEEN 0 AND count AND dbl_count BETWEEN 0 AND num_count)
);
CREATE INDEX ts_chunk_by_series ON ts_chunk (series_id, end_ts);

-- The newest sealed point of every series, moved only by a point whose ts is >= the stored one, as ThingsBoard's
-- latest value; points not sealed yet are newer writes and are merged in by the reader. Never purged.
CREATE TABLE ts_latest (
    series_id INTEGER  NOT NULL PRIMARY KEY REFERENCES series (id),
    ts        BIGINT   NOT NULL,
    type      SMALLINT NOT NULL,
    bool_v    BOOLEAN,
    long_v    BIGINT,
    dbl_v     DOUBLE,
    str_v     TEXT,
    json_v    TEXT,
    CHECK (type BETWEEN 1 AND 5
        AND (type = 1) = (bool_v IS NOT NULL)
        AND (type = 2) = (long_v IS NOT NULL)
        AND (type = 3) = (dbl_v IS NOT NULL)
        AND (type = 4) = (str_v IS NOT NULL)
        AND (type = 5) = (json_v IS NOT NULL))
);

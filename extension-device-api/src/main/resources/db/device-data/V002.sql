-- Buckets (Thinger.io): every message on a bucket's topic filter, as it was published. The bucket is the name
-- configured in conf/config.xml; its account is part of that configuration, not of the row.
-- A rowid table: the rowid orders the records of one millisecond and is the export cursor.
CREATE TABLE bucket_record (
    id      INTEGER PRIMARY KEY,
    bucket  TEXT    NOT NULL,
    ts      BIGINT  NOT NULL,
    topic   TEXT    NOT NULL,
    payload BLOB    NOT NULL
);
CREATE INDEX bucket_record_by_time ON bucket_record (bucket, ts, id);

-- A two-way persistent request that was delivered but never answered (its waiter was lost in a restart, say)
-- times out at its expiration. One-way requests end at DELIVERED and are not in this index.
CREATE INDEX rpc_delivered_expiry ON rpc (expiration_ts) WHERE status = 'DELIVERED' AND oneway = 0;

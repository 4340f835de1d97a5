-- Buckets made through the devices service (those in config.xml are not stored). A bucket's records keep its name
-- (bucket_record.bucket), so names are unique across accounts, and a bucket's records go with it.
CREATE TABLE bucket (
    name         TEXT    NOT NULL PRIMARY KEY,
    account      TEXT    NOT NULL,
    topic_filter TEXT    NOT NULL,
    enabled      BOOLEAN NOT NULL DEFAULT TRUE,
    -- milliseconds; null: retention/bucket-max-age of the config
    max_age      BIGINT,
    description  TEXT    NOT NULL DEFAULT '',
    created_at   BIGINT  NOT NULL
);

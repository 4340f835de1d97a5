-- Open claims (ThingsBoard claiming): a device offers itself to whoever knows the secret until expires_at.
CREATE TABLE claim (
    device_id   TEXT   NOT NULL PRIMARY KEY REFERENCES device (id) ON DELETE CASCADE,
    secret_hash TEXT   NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL
);

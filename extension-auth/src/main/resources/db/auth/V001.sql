-- Accounts (tenants), their devices, the devices' access tokens, and connection status per device.
-- Everything is keyed by the device's id, never its name: a deleted and re-created name inherits nothing.
CREATE TABLE account (
    id          TEXT    NOT NULL PRIMARY KEY,
    secret_hash TEXT    NOT NULL,
    admin       BOOLEAN NOT NULL DEFAULT FALSE,
    enabled     BOOLEAN NOT NULL DEFAULT TRUE,
    created_at  BIGINT  NOT NULL
);

CREATE TABLE device (
    id         TEXT    NOT NULL PRIMARY KEY,
    account_id TEXT    NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    name       TEXT    NOT NULL,
    enabled    BOOLEAN NOT NULL DEFAULT TRUE,
    created_at BIGINT  NOT NULL,
    UNIQUE (account_id, name)
);

-- SHA-256 (hex) of the token: tokens are generated with ~119 bits, so no salt is needed,
-- and the hash is what CONNECT looks up.
CREATE TABLE access_token (
    token_hash TEXT   NOT NULL PRIMARY KEY,
    device_id  TEXT   NOT NULL REFERENCES device (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE INDEX access_token_device ON access_token (device_id);

CREATE TABLE device_status (
    device_id            TEXT    NOT NULL PRIMARY KEY REFERENCES device (id) ON DELETE CASCADE,
    active               BOOLEAN NOT NULL DEFAULT FALSE,
    last_connect_time    BIGINT,
    last_disconnect_time BIGINT,
    last_activity_time   BIGINT
);

-- The topic space of an account: 'account' (accounts/<id>/..., the default) or 'root' (every topic outside the
-- platform's namespaces, for one account of the installation at most).
ALTER TABLE account ADD COLUMN topic_space TEXT NOT NULL DEFAULT 'account' CHECK (topic_space IN ('account', 'root'));

-- How many sessions a credential's device may hold: 'per-device' (a new connection takes over the device's older
-- ones) or 'per-client-id' (one session per client ID, never evicting the others); null: derived from the
-- credential (a client ID pattern means per client ID, anything else per device).
ALTER TABLE access_token ADD COLUMN sessions TEXT CHECK (sessions IN ('per-device', 'per-client-id'));

-- Basic credentials as ThingsBoard allows them: with a username and no password, or with only an exact client ID
-- (then neither username nor password). SQLite cannot relax NOT NULL in place, so the table is rebuilt.
CREATE TABLE basic_credential_v7 (
    id              TEXT    NOT NULL PRIMARY KEY,
    device_id       TEXT    NOT NULL REFERENCES device (id) ON DELETE CASCADE,
    username        TEXT,
    client_id       TEXT,
    client_id_regex BOOLEAN NOT NULL DEFAULT FALSE,
    password_hash   TEXT,
    created_at      BIGINT  NOT NULL,
    revoked_at      BIGINT,
    permissions     TEXT,
    sessions        TEXT CHECK (sessions IN ('per-device', 'per-client-id')),
    CHECK (username IS NOT NULL OR (client_id IS NOT NULL AND NOT client_id_regex AND password_hash IS NULL))
);
INSERT INTO basic_credential_v7 (id, device_id, username, client_id, client_id_regex, password_hash, created_at,
                                 revoked_at, permissions)
SELECT id, device_id, username, client_id, client_id_regex, password_hash, created_at, revoked_at, permissions
FROM basic_credential;
DROP TABLE basic_credential;
ALTER TABLE basic_credential_v7 RENAME TO basic_credential;
CREATE INDEX basic_credential_username ON basic_credential (username);
CREATE INDEX basic_credential_device ON basic_credential (device_id);
CREATE INDEX basic_credential_client_id ON basic_credential (client_id) WHERE username IS NULL;

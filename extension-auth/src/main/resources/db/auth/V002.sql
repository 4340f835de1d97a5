-- Username/password credentials of devices (ThingsBoard MQTT_BASIC, Thinger.io, iotBind logins).
-- Several devices may share a username (Thinger: username = account, client ID = device), told apart
-- by their client ID rule: an exact client ID, a regular expression (${username} substituted
-- literally), or none (any client ID).
CREATE TABLE basic_credential (
    id              TEXT    NOT NULL PRIMARY KEY,
    device_id       TEXT    NOT NULL REFERENCES device (id) ON DELETE CASCADE,
    username        TEXT    NOT NULL,
    client_id       TEXT,
    client_id_regex BOOLEAN NOT NULL DEFAULT FALSE,
    password_hash   TEXT    NOT NULL,
    created_at      BIGINT  NOT NULL,
    revoked_at      BIGINT
);
CREATE INDEX basic_credential_username ON basic_credential (username);
CREATE INDEX basic_credential_device ON basic_credential (device_id);

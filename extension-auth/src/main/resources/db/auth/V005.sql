-- Provision profiles created through the registry service (those in config.xml are not stored).
CREATE TABLE provision_profile (
    profile_key TEXT   NOT NULL PRIMARY KEY,
    secret_hash TEXT   NOT NULL,
    strategy    TEXT   NOT NULL CHECK (strategy IN ('ALLOW_CREATE_NEW_DEVICES', 'CHECK_PRE_PROVISIONED_DEVICES')),
    account_id  TEXT   NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    created_at  BIGINT NOT NULL
);

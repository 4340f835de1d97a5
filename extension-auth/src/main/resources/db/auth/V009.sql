-- Device profiles (ThingsBoard's MQTT device profile): how a device's payloads are encoded, the topics its
-- telemetry and attributes arrive on and its shared-attribute pushes go to, and its .proto schemas.
CREATE TABLE device_profile (
    id                         TEXT   NOT NULL PRIMARY KEY,
    account_id                 TEXT   NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    name                       TEXT   NOT NULL,
    payload_type               TEXT   NOT NULL CHECK (payload_type IN ('JSON', 'PROTOBUF')),
    telemetry_topic            TEXT   NOT NULL,
    attributes_topic           TEXT   NOT NULL,
    attributes_subscribe_topic TEXT   NOT NULL,
    telemetry_proto            TEXT,
    attributes_proto           TEXT,
    rpc_request_proto          TEXT,
    rpc_response_proto         TEXT,
    created_at                 BIGINT NOT NULL,
    UNIQUE (account_id, name)
);
-- A device's profile (none: ThingsBoard's default), whether it is a gateway, and for a sub-device the gateway
-- that created it and alone may speak for it.
ALTER TABLE device ADD COLUMN profile_id TEXT REFERENCES device_profile (id) ON DELETE SET NULL;
ALTER TABLE device ADD COLUMN gateway BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE device ADD COLUMN gateway_id TEXT REFERENCES device (id) ON DELETE SET NULL;
CREATE INDEX device_gateway ON device (gateway_id);
-- A provision profile may belong to a device profile: the devices it provisions get that profile.
ALTER TABLE provision_profile ADD COLUMN device_profile_id TEXT REFERENCES device_profile (id) ON DELETE CASCADE;

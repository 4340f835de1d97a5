-- When a device was provisioned (ThingsBoard's provisionState = "provisioned"); null: never.
ALTER TABLE device ADD COLUMN provisioned_at BIGINT;

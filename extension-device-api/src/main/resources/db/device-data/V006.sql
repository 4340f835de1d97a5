-- The first telemetry layout, converted by V005.
DROP TABLE ts_kv_pending;
DROP TABLE ts_kv;
DROP TABLE ts_kv_latest;

-- Converts the first telemetry layout. SQL does what SQL can: the points still pending are folded into ts_kv and
-- ts_kv_latest (arrival order, so the last write of a (device, key, ts) wins, and latest only moves forward), every
-- series gets its id, and the latest values move over. The Java step of this version (telemetry.LegacyConversion)
-- then encodes ts_kv into chunks; V006 drops the old tables.
INSERT INTO ts_kv (device_id, key, ts, type, bool_v, long_v, dbl_v, str_v, json_v)
SELECT device_id, key, ts, type, bool_v, long_v, dbl_v, str_v, json_v FROM ts_kv_pending WHERE true
ORDER BY device_id, key, ts, id
ON CONFLICT (device_id, key, ts) DO UPDATE SET type = excluded.type, bool_v = excluded.bool_v,
    long_v = excluded.long_v, dbl_v = excluded.dbl_v, str_v = excluded.str_v, json_v = excluded.json_v;

INSERT INTO ts_kv_latest (device_id, key, ts, type, bool_v, long_v, dbl_v, str_v, json_v)
SELECT device_id, key, ts, type, bool_v, long_v, dbl_v, str_v, json_v FROM (
    SELECT device_id, key, ts, type, bool_v, long_v, dbl_v, str_v, json_v,
        row_number() OVER (PARTITION BY device_id, key ORDER BY ts DESC, id DESC) AS newest
    FROM ts_kv_pending) WHERE newest = 1
ON CONFLICT (device_id, key) DO UPDATE SET ts = excluded.ts, type = excluded.type, bool_v = excluded.bool_v,
    long_v = excluded.long_v, dbl_v = excluded.dbl_v, str_v = excluded.str_v, json_v = excluded.json_v
    WHERE excluded.ts >= ts_kv_latest.ts;

INSERT INTO series (device_id, key)
SELECT device_id, key FROM ts_kv_latest UNION SELECT DISTINCT device_id, key FROM ts_kv ORDER BY 1, 2;

INSERT INTO ts_latest (series_id, ts, type, bool_v, long_v, dbl_v, str_v, json_v)
SELECT s.id, l.ts, l.type, l.bool_v, l.long_v, l.dbl_v, l.str_v, l.json_v
FROM ts_kv_latest l JOIN series s ON s.device_id = l.device_id AND s.key = l.key;

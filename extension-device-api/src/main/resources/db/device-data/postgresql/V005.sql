-- PostgreSQL's variant of ../V005.sql. An upsert may not touch a row twice in one statement here, where SQLite lets
-- the later input row win: the pending points keep only the last write of each (device, key, ts) before they are
-- folded. A subquery needs its alias.
INSERT INTO ts_kv (device_id, key, ts, type, bool_v, long_v, dbl_v, str_v, json_v)
SELECT DISTINCT ON (device_id, key, ts) device_id, key, ts, type, bool_v, long_v, dbl_v, str_v, json_v
FROM ts_kv_pending
ORDER BY device_id, key, ts, id DESC
ON CONFLICT (device_id, key, ts) DO UPDATE SET type = excluded.type, bool_v = excluded.bool_v,
    long_v = excluded.long_v, dbl_v = excluded.dbl_v, str_v = excluded.str_v, json_v = excluded.json_v;

INSERT INTO ts_kv_latest (device_id, key, ts, type, bool_v, long_v, dbl_v, str_v, json_v)
SELECT DISTINCT ON (device_id, key) device_id, key, ts, type, bool_v, long_v, dbl_v, str_v, json_v
FROM ts_kv_pending
ORDER BY device_id, key, ts DESC, id DESC
ON CONFLICT (device_id, key) DO UPDATE SET ts = excluded.ts, type = excluded.type, bool_v = excluded.bool_v,
    long_v = excluded.long_v, dbl_v = excluded.dbl_v, str_v = excluded.str_v, json_v = excluded.json_v
    WHERE excluded.ts >= ts_kv_latest.ts;

INSERT INTO series (device_id, key)
SELECT device_id, key FROM ts_kv_latest UNION SELECT DISTINCT device_id, key FROM ts_kv ORDER BY 1, 2;

INSERT INTO ts_latest (series_id, ts, type, bool_v, long_v, dbl_v, str_v, json_v)
SELECT s.id, l.ts, l.type, l.bool_v, l.long_v, l.dbl_v, l.str_v, l.json_v
FROM ts_kv_latest l JOIN series s ON s.device_id = l.device_id AND s.key = l.key;

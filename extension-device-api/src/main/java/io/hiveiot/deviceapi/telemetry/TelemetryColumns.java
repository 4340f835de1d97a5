package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.deviceapi.storage.ValueColumns;

import static io.hiveiot.deviceapi.schema.Tables.TS_KV;
import static io.hiveiot.deviceapi.schema.Tables.TS_KV_LATEST;
import static io.hiveiot.deviceapi.schema.Tables.TS_KV_PENDING;

/** The typed value columns of the telemetry tables. */
final class TelemetryColumns {

    static final ValueColumns HISTORY = new ValueColumns(TS_KV.TYPE, TS_KV.BOOL_V, TS_KV.LONG_V, TS_KV.DBL_V,
            TS_KV.STR_V, TS_KV.JSON_V);
    static final ValueColumns LATEST = new ValueColumns(TS_KV_LATEST.TYPE, TS_KV_LATEST.BOOL_V,
            TS_KV_LATEST.LONG_V, TS_KV_LATEST.DBL_V, TS_KV_LATEST.STR_V, TS_KV_LATEST.JSON_V);
    static final ValueColumns PENDING = new ValueColumns(TS_KV_PENDING.TYPE, TS_KV_PENDING.BOOL_V,
            TS_KV_PENDING.LONG_V, TS_KV_PENDING.DBL_V, TS_KV_PENDING.STR_V, TS_KV_PENDING.JSON_V);

    private TelemetryColumns() {
    }
}

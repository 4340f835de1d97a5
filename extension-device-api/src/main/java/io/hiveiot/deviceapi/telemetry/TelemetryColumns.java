package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.deviceapi.storage.ValueColumns;

import static io.hiveiot.deviceapi.schema.Tables.TS_LATEST;

/** The typed value columns of {@code ts_latest}. */
final class TelemetryColumns {

    static final ValueColumns LATEST = new ValueColumns(
            TS_LATEST.TYPE, TS_LATEST.BOOL_V, TS_LATEST.LONG_V, TS_LATEST.DBL_V, TS_LATEST.STR_V, TS_LATEST.JSON_V);

    private TelemetryColumns() {}
}

/**
 * Telemetry storage: {@link io.hiveiot.deviceapi.telemetry.TelemetryStore} appends points to the history and
 * keeps each key's latest value; history is read in pages newest first with a
 * {@link io.hiveiot.deviceapi.telemetry.HistoryCursor}.
 */
package io.hiveiot.deviceapi.telemetry;

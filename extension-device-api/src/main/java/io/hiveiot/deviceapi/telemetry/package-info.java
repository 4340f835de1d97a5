/**
 * Telemetry storage as a time-series store: {@link io.hiveiot.deviceapi.telemetry.TelemetryStore} appends points as
 * one durable ingest row per commit, keeps each series' newest points in memory and seals them into compressed
 * chunks ({@code codec}), reads history pages newest first with a
 * {@link io.hiveiot.deviceapi.telemetry.HistoryCursor} and latest values by merging chunks with what is not sealed
 * yet; {@link io.hiveiot.deviceapi.telemetry.TelemetryFile} reads a file from outside the broker.
 */
package io.hiveiot.deviceapi.telemetry;

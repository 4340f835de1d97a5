/**
 * Retention of device-data.db: {@link io.hiveiot.deviceapi.retention.Retention} purges old telemetry history in
 * small steps that never hold the single writer for long.
 */
package io.hiveiot.deviceapi.retention;

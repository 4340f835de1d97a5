/**
 * What the stores of {@code device-data.db} share: the typed value columns
 * ({@link io.hiveiot.deviceapi.storage.ValueColumns}) and argument checks. The stores live in their feature packages
 * ({@code telemetry}, {@code attributes}, {@code rpc}, {@code retention}); each write is one function run by the
 * database's single writer, so its future completes only after the commit. The file is opened by
 * {@link io.hiveiot.deviceapi.DeviceDataDatabase}.
 */
package io.hiveiot.deviceapi.storage;

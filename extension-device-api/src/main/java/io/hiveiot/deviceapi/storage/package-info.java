/**
 * {@code device-data.db}: opening it ({@link io.hiveiot.deviceapi.storage.DeviceDataDatabase}) and what its
 * stores share, the typed value columns ({@link io.hiveiot.deviceapi.storage.ValueColumns}). The stores live in
 * their feature packages ({@code telemetry}, {@code attributes}, {@code rpc}, {@code retention}); each write is
 * one function run by the database's single writer, so its future completes only after the commit.
 */
package io.hiveiot.deviceapi.storage;

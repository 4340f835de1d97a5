package io.hiveiot.deviceapi.session;

/**
 * A device as events and application answers name it: its account, name and id (data is keyed by the id, the
 * name is what applications use).
 */
public record DeviceRef(String account, String device, String deviceId) {}

package io.hiveiot.auth.credential;

/**
 * The device an access token belongs to.
 *
 * @param usable false when the token is revoked, or its device or account is disabled
 */
public record TokenDevice(String deviceId, String deviceName, String account, boolean usable) {
}

package io.hiveiot.auth.credential;

import io.hiveiot.auth.acl.PermissionTemplate;
import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.identity.Role;
import io.hiveiot.kit.topic.TopicSpace;

import java.util.List;
import java.util.Optional;

/**
 * A credential a CONNECT without an access token may be for: a device's basic credential (username with or without
 * a password, or only an exact client ID), or the application of the account whose id is the username
 * (AppID/AppSecret).
 *
 * @param credentialId stable id of the stored credential, part of the verified-password cache key
 * @param deviceId     the device, or {@code null} for an application
 * @param passwordHash the stored hash; empty for a credential without a password, which admits any password as
 *                     ThingsBoard's MQTT_BASIC credentials do
 * @param usable       false when revoked, or the device or account is disabled
 * @param permissions  the credential's extra permissions beyond its role's
 * @param sessions     how many sessions its connections may hold
 * @param topicSpace   the free topic space of its account
 * @param traits       a device's gateway flag and profile; {@link DeviceTraits#PLAIN} for an application
 */
public record BasicCandidate(
        String credentialId,
        Role role,
        String account,
        String deviceId,
        String deviceName,
        ClientIdRule clientIdRule,
        Optional<String> passwordHash,
        boolean usable,
        List<PermissionTemplate> permissions,
        SessionPolicy sessions,
        TopicSpace topicSpace,
        DeviceTraits traits) {

    public ClientIdentity identity(final String sentClientId) {
        return new ClientIdentity(role, account, deviceId, deviceName, sentClientId);
    }
}

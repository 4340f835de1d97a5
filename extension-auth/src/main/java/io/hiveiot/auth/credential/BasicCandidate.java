package io.hiveiot.auth.credential;

import io.hiveiot.auth.acl.PermissionTemplate;
import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.identity.Role;

import java.util.List;

/**
 * A credential a username/password CONNECT may be for: a device's basic credential, or the
 * application of the account whose id is the username (AppID/AppSecret).
 *
 * @param credentialId stable id of the stored credential, part of the verified-password cache key
 * @param deviceId     the device, or {@code null} for an application
 * @param usable       false when revoked, or the device or account is disabled
 * @param permissions  the credential's extra permissions beyond its role's
 * @param traits       a device's gateway flag and profile; {@link DeviceTraits#PLAIN} for an application
 */
public record BasicCandidate(String credentialId, Role role, String account, String deviceId, String deviceName,
                             ClientIdRule clientIdRule, String passwordHash, boolean usable,
                             List<PermissionTemplate> permissions, DeviceTraits traits) {

    public ClientIdentity identity(final String sentClientId) {
        return new ClientIdentity(role, account, deviceId, deviceName, sentClientId);
    }
}

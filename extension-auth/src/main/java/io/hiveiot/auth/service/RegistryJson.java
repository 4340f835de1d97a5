package io.hiveiot.auth.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.auth.devices.DeviceStore;
import io.hiveiot.auth.devices.PreparedCredential;
import io.hiveiot.auth.profile.DeviceProfiles;
import io.hiveiot.auth.profile.StoredProfile;
import io.hiveiot.kit.thingsboard.DeviceProfile;

/** How the {@code registry} service writes devices, credentials and connection status in its answers. */
final class RegistryJson {

    static final ObjectMapper JSON = new ObjectMapper();

    private final DeviceProfiles profiles;

    RegistryJson(final DeviceProfiles profiles) {
        this.profiles = profiles;
    }

    static ObjectNode issued(final String credentialId, final PreparedCredential credential) {
        final ObjectNode result = JSON.createObjectNode().put("id", credentialId);
        if (credential instanceof PreparedCredential.AccessToken token) {
            return result.put("type", "ACCESS_TOKEN")
                    .put("token", token.token())
                    .put("sessions", token.effectiveSessions().text());
        }
        final var basic = (PreparedCredential.Basic) credential;
        result.put("type", "MQTT_BASIC");
        basic.username().ifPresent(username -> result.put("username", username));
        if (basic.clientIdRule().clientId() != null) {
            result.put("clientId", basic.clientIdRule().clientId())
                    .put("clientIdRegex", basic.clientIdRule().regex());
        }
        return result.put("password", basic.passwordHash().isPresent())
                .put("sessions", basic.effectiveSessions().text());
    }

    ObjectNode device(final DeviceStore.Device device) {
        final ObjectNode node = JSON.createObjectNode()
                .put("id", device.id())
                .put("name", device.name())
                .put("enabled", device.enabled())
                .put("createdAt", device.createdAt())
                .put("gateway", device.gateway())
                .put(
                        "profile",
                        profiles.byId(device.profileId())
                                .map(StoredProfile::name)
                                .orElse(DeviceProfile.DEFAULT.name()));
        if (device.parentGateway() != null) {
            node.put("parentGateway", device.parentGateway());
        }
        return node;
    }

    static ObjectNode credential(final DeviceStore.Credential credential) {
        final ObjectNode node =
                JSON.createObjectNode().put("id", credential.id()).put("type", credential.type());
        credential.username().ifPresent(username -> node.put("username", username));
        credential
                .clientId()
                .ifPresent(clientId -> node.put("clientId", clientId).put("clientIdRegex", credential.clientIdRegex()));
        credential.password().ifPresent(password -> node.put("password", password));
        node.put("sessions", credential.sessions().text());
        node.put("createdAt", credential.createdAt());
        credential.revokedAt().ifPresent(revokedAt -> node.put("revokedAt", revokedAt));
        return node;
    }

    static ObjectNode status(final DeviceStore.Status state) {
        final ObjectNode node = JSON.createObjectNode().put("active", state.active());
        putNullable(node, "lastConnectTime", state.lastConnectTime());
        putNullable(node, "lastDisconnectTime", state.lastDisconnectTime());
        putNullable(node, "lastActivityTime", state.lastActivityTime());
        node.put("connections", state.connections());
        return node;
    }

    private static void putNullable(final ObjectNode node, final String name, final Long value) {
        if (value == null) {
            node.putNull(name);
        } else {
            node.put(name, value);
        }
    }
}

package io.hiveiot.kit.identity;

import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;

import java.util.Objects;
import java.util.Optional;

import static io.hiveiot.kit.identity.ConnectionAttributes.ACCOUNT;
import static io.hiveiot.kit.identity.ConnectionAttributes.CLIENT_ID;
import static io.hiveiot.kit.identity.ConnectionAttributes.DEVICE_ID;
import static io.hiveiot.kit.identity.ConnectionAttributes.DEVICE_NAME;
import static io.hiveiot.kit.identity.ConnectionAttributes.ROLE;

/**
 * Who a connection is. extension-auth resolves it at CONNECT and writes it into HiveMQ's
 * {@link ConnectionAttributeStore}; every other extension reads it from there and never looks a
 * credential up itself. The keys are {@link ConnectionAttributes}'.
 *
 * @param role       what the client may do
 * @param account    the tenant it belongs to
 * @param deviceId   the device's id, for devices; {@code null} otherwise
 * @param deviceName the device's name within its account, for devices; {@code null} otherwise
 * @param clientId   the client ID the client sent (the broker may run it under another one)
 */
public record ClientIdentity(Role role, String account, String deviceId, String deviceName, String clientId) {

    /** The account of clients an extension's {@code identity-fallback} lets in. */
    public static final String FALLBACK_ACCOUNT = "default";

    public ClientIdentity {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(clientId, "clientId");
    }

    public static ClientIdentity device(
            final String account, final String deviceId, final String deviceName, final String clientId) {
        return new ClientIdentity(
                Role.DEVICE,
                account,
                Objects.requireNonNull(deviceId, "deviceId"),
                Objects.requireNonNull(deviceName, "deviceName"),
                clientId);
    }

    public void writeTo(final ConnectionAttributeStore store) {
        store.putAsString(ROLE, role.name());
        store.putAsString(ACCOUNT, account);
        store.putAsString(CLIENT_ID, clientId);
        if (deviceId != null) {
            store.putAsString(DEVICE_ID, deviceId);
            store.putAsString(DEVICE_NAME, deviceName);
        }
    }

    /**
     * The identity hive-iot-auth annotated on the connection; with {@code identityFallback} on (an extension run
     * without hive-iot-auth), a client without one is a DEVICE of account {@value #FALLBACK_ACCOUNT} whose name and
     * id are its client ID.
     */
    public static Optional<ClientIdentity> of(
            final ConnectionAttributeStore store, final String clientId, final boolean identityFallback) {
        final Optional<ClientIdentity> annotated = readFrom(store);
        if (annotated.isPresent() || !identityFallback) {
            return annotated;
        }
        return Optional.of(device(FALLBACK_ACCOUNT, clientId, clientId, clientId));
    }

    /** The identity of an authenticated connection; empty before authentication or after a refusal. */
    public static Optional<ClientIdentity> readFrom(final ConnectionAttributeStore store) {
        final Optional<Role> role = store.getAsString(ROLE).flatMap(ClientIdentity::role);
        final Optional<String> account = store.getAsString(ACCOUNT);
        final Optional<String> clientId = store.getAsString(CLIENT_ID);
        if (role.isEmpty() || account.isEmpty() || clientId.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ClientIdentity(
                role.get(),
                account.get(),
                store.getAsString(DEVICE_ID).orElse(null),
                store.getAsString(DEVICE_NAME).orElse(null),
                clientId.get()));
    }

    private static Optional<Role> role(final String name) {
        try {
            return Optional.of(Role.valueOf(name));
        } catch (final IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

package io.hiveiot.deviceapi.session;

import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import io.hiveiot.kit.identity.ClientIdentity;

/**
 * One connection of a device, as the extension reaches it from the application side: pushes and RPC requests go
 * to {@link #brokerClientId()} with {@code publishToClient}.
 *
 * @param connection the connection's attributes (reply-subscription marks)
 */
public record DeviceSession(ClientIdentity device, String brokerClientId, ConnectionAttributeStore connection) {
}

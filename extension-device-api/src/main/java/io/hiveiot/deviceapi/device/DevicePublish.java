package io.hiveiot.deviceapi.device;

import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import io.hiveiot.kit.identity.ClientIdentity;

/**
 * One publish of a device on a device-API topic, with what a handler needs to answer it.
 *
 * @param device         who sent it, as hive-iot-auth annotated the connection (or the identity fallback)
 * @param brokerClientId the client ID the broker runs the session under (replies go there)
 * @param connection     the connection's attributes (reply-subscription marks, extension-firmware's
 *                       {@code hive-iot.fw})
 * @param receivedAt     server time in epoch millis, the ts of telemetry without its own
 */
record DevicePublish(ClientIdentity device, String brokerClientId, String topic, byte[] payload,
                     ConnectionAttributeStore connection, long receivedAt) {
}

package io.hiveiot.deviceapi.device;

import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.session.DeviceConnection;

/**
 * One publish of a device on a device-API topic, with what a handler needs to answer it.
 *
 * @param from       the device's connection, as hive-iot-auth annotated it (or the identity fallback); replies go
 *                   to its broker-side client ID
 * @param receivedAt server time in epoch millis, the ts of telemetry without its own
 */
record DevicePublish(DeviceConnection from, String topic, byte[] payload, long receivedAt) {

    ClientIdentity device() {
        return from.device();
    }

    /** The client ID the broker runs the session under (replies go there). */
    String brokerClientId() {
        return from.brokerClientId();
    }

    /** The connection's attributes (reply-subscription marks, extension-firmware's firmware keys). */
    ConnectionAttributeStore connection() {
        return from.attributes();
    }
}

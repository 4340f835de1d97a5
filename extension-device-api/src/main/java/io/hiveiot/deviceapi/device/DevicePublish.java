package io.hiveiot.deviceapi.device;

import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import io.hiveiot.deviceapi.payload.BadPayloadException;
import io.hiveiot.deviceapi.payload.RequestIds;
import io.hiveiot.deviceapi.session.DeviceSession;
import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.session.DeviceConnection;
import io.hiveiot.kit.thingsboard.DeviceProfile.PayloadType;
import io.hiveiot.kit.thingsboard.SubDevices;
import io.hiveiot.kit.thingsboard.TopicFamily;

import java.util.Optional;

/**
 * One publish of a device on a device-API topic, with what a handler needs to answer it.
 *
 * @param session    the device's connection, as hive-iot-auth annotated it (or the identity fallback); replies go
 *                   to its broker-side client ID
 * @param receivedAt server time in epoch millis, the ts of telemetry without its own
 * @param family     the topic family the publish came on, which its answer goes back on
 * @param idPart     what follows the prefix of a topic that ends in a request id; empty otherwise
 * @param subDevices for a gateway's publish, the sub-devices hive-iot-auth resolved for it
 * @param subDeviceFirmware for a gateway's attribute request, the {@code fw_*} / {@code sw_*} keys of its sub-device
 *                   as hive-iot-firmware attached them (a JSON object)
 */
record DevicePublish(
        DeviceSession session,
        String topic,
        byte[] payload,
        long receivedAt,
        TopicFamily family,
        String idPart,
        Optional<SubDevices> subDevices,
        Optional<String> subDeviceFirmware) {

    DeviceConnection from() {
        return session.connection();
    }

    ClientIdentity device() {
        return session.connection().device();
    }

    /** The client ID the broker runs the session under (replies go there). */
    String brokerClientId() {
        return session.brokerClientId();
    }

    /** The connection's attributes (reply-subscription marks, extension-firmware's firmware keys). */
    ConnectionAttributeStore connection() {
        return session.connection().attributes();
    }

    /** The payload type of this publish: its topic's, or the device profile's. */
    PayloadType payloadType() {
        return family.payloadType(session.profile());
    }

    /** The request id at the end of the topic ({@link RequestIds}). */
    int requestId() throws BadPayloadException {
        return RequestIds.of(idPart);
    }
}

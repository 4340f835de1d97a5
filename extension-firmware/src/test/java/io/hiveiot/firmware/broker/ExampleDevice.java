package io.hiveiot.firmware.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAck;

import java.io.ByteArrayOutputStream;
import java.util.Optional;

/**
 * The device side of ThingsBoard's OTA example ({@code mqtt_firmware_client.py}) on a {@link Link}: it subscribes
 * as the example does (including {@code v2/fw/response/+}, which matches no chunk topic), asks for the firmware
 * keys with an attribute request, downloads chunk by chunk until it has {@code fw_size} bytes, and reports its
 * state as telemetry.
 */
final class ExampleDevice {

    static final String SHARED_KEYS = "fw_checksum,fw_checksum_algorithm,fw_size,fw_title,fw_version";

    private static final ObjectMapper JSON = new ObjectMapper();

    final Link link;

    ExampleDevice(final Link link) {
        this.link = link;
    }

    ExampleDevice subscribeAsTheExampleDoes() {
        link.subscribe("v1/devices/me/attributes");
        link.subscribe("v1/devices/me/attributes/response/+");
        // Refused, as in ThingsBoard (it matches no chunk topic); the chunks arrive all the same.
        link.subscribe("v2/fw/response/+");
        return this;
    }

    /** The {@code shared} section of the answer to the example's attribute request. */
    JsonNode requestFirmwareInfo(final int requestId) throws Exception {
        link.publish("v1/devices/me/attributes/request/" + requestId, "{\"sharedKeys\":\"" + SHARED_KEYS + "\"}");
        return json(link.await("v1/devices/me/attributes/response/" + requestId))
                .path("shared");
    }

    /** The next shared-attribute push. */
    JsonNode awaitPush() throws Exception {
        return json(link.await("v1/devices/me/attributes"));
    }

    Optional<Mqtt5PubAck> requestChunk(final String requestId, final int chunk, final String size) {
        return link.publish("v2/fw/request/" + requestId + "/chunk/" + chunk, size);
    }

    byte[] awaitChunk(final String requestId, final int chunk) throws Exception {
        return link.await("v2/fw/response/" + requestId + "/chunk/" + chunk).payload();
    }

    /** Downloads from chunk {@code first} on until {@code size} bytes have arrived or a chunk comes back empty. */
    byte[] download(
            final String requestId,
            final int chunkSize,
            final long size,
            final int first,
            final ByteArrayOutputStream into)
            throws Exception {
        for (int chunk = first; into.size() < size; chunk++) {
            requestChunk(requestId, chunk, Integer.toString(chunkSize));
            final byte[] bytes = awaitChunk(requestId, chunk);
            if (bytes.length == 0) {
                break;
            }
            into.writeBytes(bytes);
        }
        return into.toByteArray();
    }

    void report(final String telemetry) {
        link.publish("v1/devices/me/telemetry", telemetry);
    }

    static JsonNode json(final Link.Message message) throws Exception {
        return JSON.readTree(message.payload());
    }
}

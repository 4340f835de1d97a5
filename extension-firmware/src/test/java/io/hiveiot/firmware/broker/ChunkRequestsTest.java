package io.hiveiot.firmware.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chunk requests at the edges and hostile ones, with a max-chunk-size of 4096: past the end, no size, a remembered
 * size, sizes that are not numbers or too large, bad ids, nothing assigned, a device of another account. Errors go
 * to {@code v2/fw/error} (the devices never subscribe to it); MQTT 5 also gets the PUBACK reason code.
 */
class ChunkRequestsTest {

    private static final byte[] SMALL = new byte[3000];
    private static final byte[] LARGE = new byte[10_000];

    @RegisterExtension
    static final HiveMqBroker broker = Brokers.platform()
            .extensionConfig(
                    Brokers.ID,
                    "<hive-iot-firmware><chunks><max-chunk-size>4096</max-chunk-size></chunks>"
                            + "</hive-iot-firmware>")
            .build();

    private final Fleet fleet = new Fleet(broker);

    @BeforeAll
    static void uploadPackages() throws Exception {
        new Random(1).nextBytes(SMALL);
        new Random(2).nextBytes(LARGE);
        try (ApiClient api = new Fleet(broker).api("setup")) {
            api.result("firmware", "package.upload", Fleet.upload("small", "1", "SHA256", SMALL));
            api.result("firmware", "package.upload", Fleet.upload("large", "1", "CRC32", LARGE));
        }
    }

    private ExampleDevice deviceWith(final String title, final boolean mqtt5) throws Exception {
        try (ApiClient api = fleet.api("assign")) {
            final Fleet.Device device = Fleet.create(api, title);
            api.result("firmware", "assign", Fleet.assign(device, title, "1"));
            return new ExampleDevice(fleet.connect(device, mqtt5));
        }
    }

    @Test
    void chunks_pastTheEnd_areEmpty_andTheLastOneIsShort() throws Exception {
        final ExampleDevice device = deviceWith("large", true);
        assertEquals(Mqtt5PubAckReasonCode.SUCCESS, reason(device.requestChunk("1", 2, "4096")));
        assertArrayEquals(Arrays.copyOfRange(LARGE, 8192, 10_000), device.awaitChunk("1", 2));
        device.requestChunk("1", 3, "4096");
        assertEquals(0, device.awaitChunk("1", 3).length);
        device.requestChunk("1", 999_999, "4096");
        assertEquals(0, device.awaitChunk("1", 999_999).length);
    }

    @Test
    void emptySize_withoutAStoredOne_isTheWholeFile_andWithOne_reusesIt() throws Exception {
        final ExampleDevice device = deviceWith("small", false);
        device.requestChunk("5", 0, "");
        assertArrayEquals(SMALL, device.awaitChunk("5", 0));
        device.requestChunk("6", 1, "1000");
        assertArrayEquals(Arrays.copyOfRange(SMALL, 1000, 2000), device.awaitChunk("6", 1));
        device.requestChunk("6", 2, "");
        assertArrayEquals(Arrays.copyOfRange(SMALL, 2000, 3000), device.awaitChunk("6", 2));
        device.requestChunk("6", 0, "0");
        assertArrayEquals(Arrays.copyOfRange(SMALL, 0, 1000), device.awaitChunk("6", 0));
    }

    @Test
    void badSize_mqtt5_getsPayloadFormatInvalid_andTheErrorTopic() throws Exception {
        final ExampleDevice device = deviceWith("small", true);
        final Mqtt5PubAck ack = device.requestChunk("1", 0, "abc").orElseThrow();
        assertEquals(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID, ack.getReasonCode());
        assertTrue(ack.getReasonString().isPresent());
        assertEquals("INVALID_CHUNK_SIZE", device.link.await("v2/fw/error").text());
        assertTrue(device.link.connected());
    }

    @Test
    void badSize_mqtt3_getsTheErrorTopic_andStaysConnected() throws Exception {
        final ExampleDevice device = deviceWith("small", false);
        device.requestChunk("1", 0, "-5");
        assertEquals("INVALID_CHUNK_SIZE", device.link.await("v2/fw/error").text());
        device.requestChunk("1", 0, "100");
        assertArrayEquals(Arrays.copyOf(SMALL, 100), device.awaitChunk("1", 0));
    }

    @Test
    void sizeAboveTheMaximum_orAWholeFileAboveIt_isPayloadTooLarge() throws Exception {
        final ExampleDevice device = deviceWith("large", true);
        assertEquals(Mqtt5PubAckReasonCode.QUOTA_EXCEEDED, reason(device.requestChunk("1", 0, "4097")));
        assertEquals("PAYLOAD_TOO_LARGE", device.link.await("v2/fw/error").text());
        assertEquals(Mqtt5PubAckReasonCode.QUOTA_EXCEEDED, reason(device.requestChunk("2", 0, "")));
        assertEquals("PAYLOAD_TOO_LARGE", device.link.await("v2/fw/error").text());
        assertEquals(Mqtt5PubAckReasonCode.QUOTA_EXCEEDED, reason(device.requestChunk("3", 0, "99999999999")));
        assertEquals("PAYLOAD_TOO_LARGE", device.link.await("v2/fw/error").text());
    }

    @Test
    void chunkAboveTheDevicesAnnouncedMaximumPacketSize_isPayloadTooLarge_insteadOfSilentlyDropped() throws Exception {
        final Fleet.Device device;
        try (ApiClient api = fleet.api("limited")) {
            device = Fleet.create(api, "limited");
            api.result("firmware", "assign", Fleet.assign(device, "large", "1"));
        }
        final var client = broker.mqtt5("TbDev");
        client.connectWith()
                .simpleAuth()
                .username(device.token())
                .applySimpleAuth()
                .restrictions()
                .maximumPacketSize(2000)
                .applyRestrictions()
                .send();
        final var limited = new ExampleDevice(Link.of(client));
        assertEquals(Mqtt5PubAckReasonCode.QUOTA_EXCEEDED, reason(limited.requestChunk("1", 0, "3000")));
        assertEquals("PAYLOAD_TOO_LARGE", limited.link.await("v2/fw/error").text());
        limited.requestChunk("1", 1, "1900");
        assertArrayEquals(Arrays.copyOfRange(LARGE, 1900, 3800), limited.awaitChunk("1", 1));
    }

    @Test
    void badIds_areTopicNameInvalid_withTheErrorTopic() throws Exception {
        final ExampleDevice device = deviceWith("small", true);
        for (final String topic : new String[] {
            "v2/fw/request/abc/chunk/0", "v2/fw/request/1/chunk/x", "v2/sw/request/1/chunk", "v2/fw/response/1/chunk/0"
        }) {
            assertEquals(Mqtt5PubAckReasonCode.TOPIC_NAME_INVALID, reason(device.link.publish(topic, "10")), topic);
            assertEquals("BAD_REQUEST", device.link.await("v2/fw/error").text());
        }
        assertTrue(broker.metrics()
                        .counter("hive-iot.firmware.chunks.error.bad-request")
                        .getCount()
                >= 4);
    }

    @Test
    void nothingAssigned_isNotFound_forFirmwareAndSoftware() throws Exception {
        // The device has firmware assigned, but no software: software errors go to v2/fw/error too.
        final ExampleDevice device = deviceWith("small", true);
        assertEquals(
                Mqtt5PubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR,
                reason(device.link.publish("v2/sw/request/1/chunk/0", "100")));
        assertEquals("NOT_FOUND", device.link.await("v2/fw/error").text());
        try (ApiClient api = fleet.api("bare")) {
            final ExampleDevice bare = new ExampleDevice(fleet.connect(Fleet.create(api, "bare"), false));
            bare.requestChunk("1", 0, "");
            assertEquals("NOT_FOUND", bare.link.await("v2/fw/error").text());
        }
    }

    @Test
    void deviceOfAnotherAccount_cannotBeAssigned_andGetsNoneOfThisAccountsPackages() throws Exception {
        try (ApiClient demo = fleet.api("admin")) {
            final JsonNode other = demo.result(
                    "registry", "account.create", ApiClient.args().put("id", "other-" + System.nanoTime() % 100_000));
            final String account = other.get("id").asText();
            try (ApiClient otherApi =
                    new ApiClient(fleet.app(account, other.get("appSecret").asText(), "app"), account)) {
                final Fleet.Device stranger = Fleet.create(otherApi, "stranger");
                assertEquals("not-found", demo.errorCode("firmware", "assign", Fleet.assign(stranger, "small", "1")));
                assertEquals(
                        "not-found", otherApi.errorCode("firmware", "assign", Fleet.assign(stranger, "small", "1")));
                assertEquals(
                        "not-found",
                        otherApi.errorCode(
                                "firmware",
                                "package.get",
                                ApiClient.args().put("title", "small").put("version", "1")));
                final ExampleDevice device = new ExampleDevice(fleet.connect(stranger, true));
                assertEquals(
                        Mqtt5PubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR,
                        reason(device.requestChunk("1", 0, "100")));
                assertEquals("NOT_FOUND", device.link.await("v2/fw/error").text());
            }
        }
    }

    private static Mqtt5PubAckReasonCode reason(final Optional<Mqtt5PubAck> ack) {
        return ack.orElseThrow().getReasonCode();
    }
}

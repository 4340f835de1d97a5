package io.hiveiot.firmware.broker;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.Await;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * This extension between hive-iot-auth and hive-iot-device-api: it reads rollout telemetry without taking it from
 * device-api, annotates attribute requests for device-api's single answer, and never lets a chunk request be
 * routed to another client.
 */
class InterceptorChainTest {

    @RegisterExtension
    static final HiveMqBroker broker = Brokers.platform().build();

    private final Fleet fleet = new Fleet(broker);

    @Test
    void rolloutTelemetry_isStillStoredByDeviceApi() throws Exception {
        try (ApiClient api = fleet.api("chain")) {
            final Fleet.Device device = Fleet.create(api, "chain");
            try (Link link = fleet.connect(device, true)) {
                final long before = broker.metrics()
                        .counter("hive-iot.device-api.telemetry.messages")
                        .getCount();
                new ExampleDevice(link).report("{\"fw_state\":\"DOWNLOADING\",\"temperature\":3}");
                assertEquals(
                        before + 1,
                        Await.until(
                                () -> broker.metrics()
                                        .counter("hive-iot.device-api.telemetry.messages")
                                        .getCount(),
                                n -> n == before + 1));
                assertEquals(
                        1,
                        broker.metrics()
                                .counter("hive-iot.firmware.rollout.reports")
                                .getCount());
            }
        }
    }

    @Test
    void attributeRequestForAll_mergesClientAttributesAndTheFirmwareKeys_inOneAnswer() throws Exception {
        try (ApiClient api = fleet.api("merge")) {
            api.result("firmware", "package.upload", Fleet.upload("merge", "1", "MD5", new byte[] {1, 2, 3}));
            final Fleet.Device device = Fleet.create(api, "merge");
            api.result("firmware", "assign", Fleet.assign(device, "merge", "1"));
            try (Link link = fleet.connect(device, true)) {
                link.publish("v1/devices/me/attributes", "{\"model\":\"T1\"}");
                link.publish("v1/devices/me/attributes/request/4", "{}");
                assertEquals(
                        "{\"client\":{\"model\":\"T1\"},\"shared\":{\"fw_title\":\"merge\",\"fw_version\":\"1\","
                                + "\"fw_size\":3,\"fw_checksum_algorithm\":\"MD5\","
                                + "\"fw_checksum\":\"5289df737df57326fcdd22597afb1fac\"}}",
                        link.await("v1/devices/me/attributes/response/4").text());
            }
        }
    }

    @Test
    void chunkRequests_areNeverRoutedToOtherClients() throws Exception {
        try (ApiClient api = fleet.api("routing")) {
            api.result("firmware", "package.upload", Fleet.upload("routing", "1", "SHA256", new byte[100]));
            final Fleet.Device listener = Fleet.create(api, "listener");
            final Fleet.Device device = Fleet.create(api, "downloader");
            api.result("firmware", "assign", Fleet.assign(device, "routing", "1"));
            final Mqtt5BlockingClient spy = broker.mqtt5("TbDev");
            spy.connectWith()
                    .simpleAuth()
                    .username(listener.token())
                    .applySimpleAuth()
                    .send();
            try (var spied = spy.publishes(MqttGlobalPublishFilter.ALL);
                    Link link = fleet.connect(device, true)) {
                spy.subscribeWith()
                        .topicFilter("v2/fw/response/+/chunk/+")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();
                spy.subscribeWith()
                        .topicFilter("v2/fw/error")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();
                final var example = new ExampleDevice(link);
                example.requestChunk("1", 0, "50");
                assertEquals(50, example.awaitChunk("1", 0).length);
                example.requestChunk("1", 0, "x");
                assertEquals("INVALID_CHUNK_SIZE", link.await("v2/fw/error").text());
                assertEquals(Optional.empty(), spied.receive(300, TimeUnit.MILLISECONDS));
                assertTrue(link.connected());
            }
        }
    }
}

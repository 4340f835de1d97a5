package io.hiveiot.deviceapi.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.Await;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static io.hiveiot.deviceapi.broker.TelemetryTest.bytes;
import static io.hiveiot.testkit.ApiClient.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Persistent server-side RPC: kept in device-data.db, sent only to a connected device when it subscribes to its
 * request topic or resumes a session that holds that subscription (so never twice), oldest first and before any newer
 * call, through a broker restart, with its status readable and published as events.
 */
class PersistentRpcTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final HiveMqBroker broker = Brokers.withAuth().build();

    private final Devices devices = new Devices(broker);

    @Test
    void queuedWhileOffline_survivesARestart_isSentOnSubscribe_andEndsSuccessful() throws Exception {
        final Devices.Device device = devices.create("persistent");
        final List<Integer> ids = new ArrayList<>();
        try (var api = new ApiClient(devices.demoApp("queue"), "demo")) {
            for (final String method : List.of("first", "second")) {
                final JsonNode queued = api.result(
                        "devices",
                        "rpc",
                        args().put("device", device.name())
                                .put("method", method)
                                .put("persistent", true)
                                .put("timeoutMs", 5000));
                assertEquals("QUEUED", queued.get("status").asText());
                ids.add(queued.get("requestId").asInt());
            }
        }
        assertEquals(List.of(0, 1), ids);

        broker.restart();

        final Mqtt5BlockingClient app = devices.demoApp("watch");
        app.subscribeWith()
                .topicFilter("users/demo/devices/" + device.name() + "/rpc")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        try (var events = app.publishes(MqttGlobalPublishFilter.SUBSCRIBED)) {
            final Mqtt5BlockingClient client = devices.mqtt5(device);
            try (var requests = client.publishes(MqttGlobalPublishFilter.SUBSCRIBED)) {
                client.subscribeWith()
                        .topicFilter(ServerRpcTest.REQUESTS)
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();
                final Mqtt5Publish first = requests.receive(5, TimeUnit.SECONDS).orElseThrow();
                final Mqtt5Publish second =
                        requests.receive(5, TimeUnit.SECONDS).orElseThrow();
                assertEquals("v1/devices/me/rpc/request/0", first.getTopic().toString());
                assertEquals(
                        "{\"method\":\"first\",\"params\":{}}",
                        new String(first.getPayloadAsBytes(), StandardCharsets.UTF_8));
                assertEquals("v1/devices/me/rpc/request/1", second.getTopic().toString());

                client.publishWith()
                        .topic("v1/devices/me/rpc/response/0")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .payload(bytes("{\"done\":true}"))
                        .send();
                // Request 1 is sent while request 0's response is on its way: only each request's own order is fixed.
                assertEquals(
                        Map.of(0, List.of("SENT", "DELIVERED", "SUCCESSFUL"), 1, List.of("SENT", "DELIVERED")),
                        statuses(events, 5));

                // Subscribing again sends nothing twice.
                client.subscribeWith()
                        .topicFilter("v1/devices/me/rpc/request/#")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();
                assertEquals(Optional.empty(), requests.receive(500, TimeUnit.MILLISECONDS));
            }
        }
        try (var api = new ApiClient(devices.demoApp("status"), "demo")) {
            final JsonNode status = api.result(
                    "devices", "rpc.status", args().put("device", device.name()).put("requestId", 0));
            assertEquals("SUCCESSFUL", status.get("status").asText());
            assertEquals(true, status.at("/response/done").asBoolean());
            assertEquals(
                    "DELIVERED",
                    api.result(
                                    "devices",
                                    "rpc.status",
                                    args().put("device", device.name()).put("requestId", 1))
                            .get("status")
                            .asText());
            assertEquals(
                    "not-found",
                    api.errorCode(
                            "devices",
                            "rpc.status",
                            args().put("device", device.name()).put("requestId", 99)));
            // The ids continue across the restart, after the block of 100 the first run had reserved.
            final JsonNode next = api.result(
                    "devices",
                    "rpc",
                    args().put("device", device.name()).put("method", "third").put("persistent", true));
            assertEquals(100, next.get("requestId").asInt());
        }
    }

    @Test
    void aConnectedSubscribedDevice_getsItAtOnce_andWithoutResponse_itTimesOut() throws Exception {
        final Devices.Device device = devices.create("timeout");
        final Mqtt5BlockingClient client = devices.mqtt5(device);
        client.subscribeWith()
                .topicFilter(ServerRpcTest.REQUESTS)
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        try (var requests = client.publishes(MqttGlobalPublishFilter.SUBSCRIBED);
                var api = new ApiClient(devices.demoApp("timeout"), "demo")) {
            final JsonNode queued = api.result(
                    "devices",
                    "rpc",
                    args().put("device", device.name())
                            .put("method", "slow")
                            .put("persistent", true)
                            .put("timeoutMs", 300));
            assertTrue(requests.receive(5, TimeUnit.SECONDS).isPresent());
            final int id = queued.get("requestId").asInt();
            assertEquals(
                    "TIMEOUT",
                    Await.until(
                            () -> api.result(
                                            "devices",
                                            "rpc.status",
                                            args().put("device", device.name()).put("requestId", id))
                                    .get("status")
                                    .asText(),
                            "TIMEOUT"::equals));
        }
    }

    @Test
    void notDeliveredBeforeItsExpirationTime_itExpires() throws Exception {
        final Devices.Device device = devices.create("expiry");
        try (var api = new ApiClient(devices.demoApp("expiry"), "demo")) {
            final JsonNode queued = api.result(
                    "devices",
                    "rpc",
                    args().put("device", device.name())
                            .put("method", "late")
                            .put("persistent", true)
                            .put("expirationTime", System.currentTimeMillis() + 500));
            final int id = queued.get("requestId").asInt();
            assertEquals(
                    "EXPIRED",
                    Await.until(
                            () -> api.result(
                                            "devices",
                                            "rpc.status",
                                            args().put("device", device.name()).put("requestId", id))
                                    .get("status")
                                    .asText(),
                            "EXPIRED"::equals));
        }
        final Mqtt5BlockingClient client = devices.mqtt5(device);
        try (var requests = client.publishes(MqttGlobalPublishFilter.SUBSCRIBED)) {
            client.subscribeWith()
                    .topicFilter(ServerRpcTest.REQUESTS)
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            assertEquals(Optional.empty(), requests.receive(500, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void resumedSessionWithoutNewSubscribe_getsItsQueuedCallsOldestFirst_beforeANewerCall() throws Exception {
        final Devices.Device device = devices.create("resumed");
        final Mqtt5BlockingClient first = persistentSession(device);
        first.subscribeWith()
                .topicFilter(ServerRpcTest.REQUESTS)
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        first.disconnect();
        try (var api = new ApiClient(devices.demoApp("resumed"), "demo")) {
            for (final String method : List.of("first", "second", "third")) {
                assertEquals(
                        "QUEUED",
                        api.result(
                                        "devices",
                                        "rpc",
                                        args().put("device", device.name())
                                                .put("method", method)
                                                .put("persistent", true)
                                                .put("oneway", true))
                                .get("status")
                                .asText());
            }
            // Clean start off: the session and its subscription are still there, and the device does not subscribe.
            final Mqtt5BlockingClient resumed = broker.mqtt5("TbDev");
            try (var requests = resumed.publishes(MqttGlobalPublishFilter.ALL)) {
                final boolean sessionPresent = resumed.connectWith()
                        .cleanStart(false)
                        .sessionExpiryInterval(3600)
                        .simpleAuth()
                        .username(device.token())
                        .applySimpleAuth()
                        .send()
                        .isSessionPresent();
                assertTrue(sessionPresent);
                api.send(
                        "devices",
                        "rpc",
                        args().put("device", device.name())
                                .put("method", "newer")
                                .put("oneway", true),
                        "newer");
                final List<String> methods = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    final Mqtt5Publish request = requests.receive(5, TimeUnit.SECONDS)
                            .orElseThrow(() -> new AssertionError("only " + methods + " arrived"));
                    methods.add(JSON.readTree(request.getPayloadAsBytes())
                            .get("method")
                            .asText());
                }
                assertEquals(List.of("first", "second", "third", "newer"), methods);
                assertTrue(api.awaitAnswer("devices", "newer", 5)
                        .orElseThrow()
                        .path("ok")
                        .asBoolean());
                assertEquals(Optional.empty(), requests.receive(500, TimeUnit.MILLISECONDS), "nothing twice");
            } finally {
                resumed.disconnect();
            }
            assertEquals(
                    "DELIVERED",
                    api.result(
                                    "devices",
                                    "rpc.status",
                                    args().put("device", device.name()).put("requestId", 2))
                            .get("status")
                            .asText());
        }
    }

    @Test
    void resumedSessionWithoutTheRequestSubscription_keepsItsCallsQueued() throws Exception {
        final Devices.Device device = devices.create("resumed-elsewhere");
        final Mqtt5BlockingClient first = persistentSession(device);
        first.subscribeWith()
                .topicFilter("v1/devices/me/attributes")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        first.disconnect();
        try (var api = new ApiClient(devices.demoApp("resumed-elsewhere"), "demo")) {
            final int id = api.result(
                            "devices",
                            "rpc",
                            args().put("device", device.name())
                                    .put("method", "waits")
                                    .put("persistent", true))
                    .get("requestId")
                    .asInt();
            final Mqtt5BlockingClient resumed = persistentSession(device);
            try (var requests = resumed.publishes(MqttGlobalPublishFilter.ALL)) {
                assertEquals(Optional.empty(), requests.receive(500, TimeUnit.MILLISECONDS));
                assertEquals(
                        "QUEUED",
                        api.result(
                                        "devices",
                                        "rpc.status",
                                        args().put("device", device.name()).put("requestId", id))
                                .get("status")
                                .asText());
                resumed.subscribeWith()
                        .topicFilter(ServerRpcTest.REQUESTS)
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();
                assertTrue(requests.receive(5, TimeUnit.SECONDS).isPresent(), "sent once it subscribes");
            }
        }
    }

    /** The device with clean start off and a session that outlives the connection. */
    private Mqtt5BlockingClient persistentSession(final Devices.Device device) {
        return broker.persistentSession("TbDev", device.token());
    }

    /** The statuses of the next {@code count} rpc events, by request id, in the order they came. */
    private static Map<Integer, List<String>> statuses(final Mqtt5BlockingClient.Mqtt5Publishes events, final int count)
            throws Exception {
        final Map<Integer, List<String>> statuses = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            final JsonNode event = TelemetryTest.event(events, "rpc");
            statuses.computeIfAbsent(event.at("/data/requestId").asInt(), id -> new ArrayList<>())
                    .add(event.at("/data/status").asText());
        }
        return statuses;
    }
}

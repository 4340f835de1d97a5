package io.hiveiot.deviceapi.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.HiveMqBroker;
import io.hiveiot.testkit.Publishes;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.hiveiot.testkit.ApiClient.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Buckets: messages on a bucket's filter recorded as published, still routed, and exported; buckets made, changed and
 * deleted through the devices service apply to connected devices at once; config.xml buckets stay read-only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BucketTest {

    @RegisterExtension
    static final HiveMqBroker broker =
            Brokers.withAuth().extensionConfig(Brokers.ID, """
                    <hive-iot-device-api>
                        <buckets>
                            <bucket>
                                <name>greenhouse</name>
                                <account>demo</account>
                                <topic-filter>accounts/demo/greenhouse/#</topic-filter>
                            </bucket>
                        </buckets>
                    </hive-iot-device-api>
                    """).build();

    private final Devices devices = new Devices(broker);

    @Test
    @Order(1)
    void recordsEveryMessageOnTheFilter_routesItOn_andExportsJsonAndCsvPageByPage() throws Exception {
        final Mqtt5BlockingClient device = devices.mqtt5(devices.create("sensor"));
        final Mqtt3BlockingClient subscriber = devices.mqtt3(devices.create("display"));
        subscriber
                .subscribeWith()
                .topicFilter("accounts/demo/greenhouse/#")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        try (var routed = subscriber.publishes(MqttGlobalPublishFilter.SUBSCRIBED)) {
            assertEquals(
                    Mqtt5PubAckReasonCode.SUCCESS,
                    Publishes.qos1(device, "accounts/demo/greenhouse/t1", "{\"t\":21.5}")
                            .getReasonCode());
            device.publishWith()
                    .topic("accounts/demo/greenhouse/raw")
                    .qos(MqttQos.EXACTLY_ONCE)
                    .payload(new byte[] {(byte) 0xff, 0, 1})
                    .send();
            Publishes.qos1(device, "accounts/demo/greenhouse/note", "a,\"quoted\"\nline");
            Publishes.qos1(device, "accounts/demo/elsewhere", "not recorded");
            assertEquals(
                    "accounts/demo/greenhouse/t1",
                    routed.receive(5, TimeUnit.SECONDS).orElseThrow().getTopic().toString());
        }
        try (var api = new ApiClient(devices.demoApp("exporter"), "demo")) {
            final JsonNode listed = api.result("devices", "bucket.list", args()).at("/buckets/0");
            assertEquals("greenhouse", listed.get("name").asText());
            assertEquals("config", listed.get("source").asText());

            final List<JsonNode> records = new ArrayList<>();
            JsonNode page = api.result(
                    "devices",
                    "bucket.export",
                    args().put("bucket", "greenhouse").put("limit", 2));
            page.get("records").forEach(records::add);
            assertTrue(page.has("cursor"));
            page = api.result(
                    "devices",
                    "bucket.export",
                    args().put("bucket", "greenhouse")
                            .put("limit", 2)
                            .put("cursor", page.get("cursor").asText()));
            page.get("records").forEach(records::add);
            assertEquals(3, records.size());
            assertEquals("{\"t\":21.5}", records.get(0).get("payload").asText());
            assertEquals("utf-8", records.get(0).get("encoding").asText());
            assertEquals("base64", records.get(1).get("encoding").asText());
            assertEquals(
                    List.of(0xff, 0, 1),
                    unsigned(Base64.getDecoder()
                            .decode(records.get(1).get("payload").asText())));

            final String csv = api.result(
                            "devices",
                            "bucket.export",
                            args().put("bucket", "greenhouse").put("format", "csv"))
                    .get("csv")
                    .asText();
            final String[] lines = csv.split("\r\n");
            assertEquals("ts,topic,encoding,payload", lines[0]);
            assertTrue(lines[1].endsWith(",accounts/demo/greenhouse/t1,utf-8,\"{\"\"t\"\":21.5}\""), lines[1]);
            assertTrue(csv.endsWith(",accounts/demo/greenhouse/note,utf-8,\"a,\"\"quoted\"\"\nline\"\r\n"), csv);

            assertEquals("not-found", api.errorCode("devices", "bucket.export", args().put("bucket", "nope")));
            assertEquals(
                    "bad-request",
                    api.errorCode(
                            "devices",
                            "bucket.export",
                            args().put("bucket", "greenhouse").put("format", "xml")));
        }
        assertEquals(
                3,
                broker.metrics().counter("hive-iot.device-api.buckets.recorded").getCount());
    }

    @Test
    @Order(2)
    void bucketMadeThroughTheService_recordsADeviceConnectedBefore_followsUpdates_andGoesWithItsRecords()
            throws Exception {
        final Mqtt5BlockingClient device = devices.mqtt5(devices.create("weather-station"));
        try (var api = new ApiClient(devices.demoApp("bucket-admin"), "demo")) {
            final JsonNode created = api.result(
                    "devices",
                    "bucket.create",
                    args().put("bucket", "weather")
                            .put("topicFilter", "accounts/demo/weather/#")
                            .put("description", "temperature and humidity")
                            .put("retention", "P90D"));
            assertEquals("service", created.get("source").asText());
            assertEquals("P90D", created.get("retention").asText());
            assertEquals(true, created.get("enabled").asBoolean());

            Publishes.qos1(device, "accounts/demo/weather/t", "21.5");
            assertEquals(List.of("21.5"), payloads(api, "weather"));

            api.result(
                    "devices", "bucket.update", args().put("bucket", "weather").put("enabled", false));
            Publishes.qos1(device, "accounts/demo/weather/t", "not recorded while disabled");
            api.result(
                    "devices",
                    "bucket.update",
                    args().put("bucket", "weather")
                            .put("enabled", true)
                            .put("topicFilter", "accounts/demo/weather/+/h")
                            .putNull("retention"));
            Publishes.qos1(device, "accounts/demo/weather/t", "no longer on the filter");
            Publishes.qos1(device, "accounts/demo/weather/1/h", "55");
            assertEquals(List.of("21.5", "55"), payloads(api, "weather"));
            final JsonNode listed = api.result("devices", "bucket.list", args()).get("buckets");
            assertEquals(2, listed.size(), listed.toString());
            assertEquals(
                    "accounts/demo/weather/+/h",
                    listed.get(1).get("topicFilter").asText());
            assertTrue(listed.get(1).get("retention").isNull());

            final JsonNode deleted = api.result("devices", "bucket.delete", args().put("bucket", "weather"));
            assertEquals(2, deleted.get("records").asInt());
            assertEquals("not-found", api.errorCode("devices", "bucket.export", args().put("bucket", "weather")));
            api.result(
                    "devices",
                    "bucket.create",
                    args().put("bucket", "weather").put("topicFilter", "accounts/demo/weather/#"));
            assertEquals(List.of(), payloads(api, "weather"), "a re-created bucket starts empty");
        }
    }

    @Test
    @Order(3)
    void serviceRefuses_filtersOutsideTheAccountsSpace_takenNames_configBuckets_andUnknownArguments() throws Exception {
        try (var api = new ApiClient(devices.demoApp("bucket-rules"), "demo")) {
            for (final String filter :
                    new String[] {"sensors/#", "accounts/other/#", "users/demo/devices", "#", "accounts/demo/a/#/b"}) {
                assertEquals(
                        "bad-request",
                        api.errorCode(
                                "devices",
                                "bucket.create",
                                args().put("bucket", "b1").put("topicFilter", filter)),
                        filter);
            }
            assertEquals(
                    "conflict",
                    api.errorCode(
                            "devices",
                            "bucket.create",
                            args().put("bucket", "greenhouse").put("topicFilter", "accounts/demo/x/#")));
            assertEquals(
                    "forbidden",
                    api.errorCode(
                            "devices",
                            "bucket.update",
                            args().put("bucket", "greenhouse").put("enabled", false)));
            assertEquals("forbidden", api.errorCode("devices", "bucket.delete", args().put("bucket", "greenhouse")));
            assertEquals(
                    "bad-request",
                    api.errorCode(
                            "devices",
                            "bucket.create",
                            args().put("bucket", "b2")
                                    .put("topicFilter", "accounts/demo/x/#")
                                    .put("retention", "30 days")));
            final JsonNode unknown = api.call(
                    "devices",
                    "bucket.create",
                    args().put("bucket", "b3")
                            .put("topicFilter", "accounts/demo/x/#")
                            .put("topic", "accounts/demo/x/#"));
            assertEquals("bad-request", unknown.at("/error/code").asText());
            assertTrue(
                    unknown.at("/error/message")
                            .asText()
                            .contains("args.topic is not an argument of " + "bucket.create"),
                    unknown.toString());
        }
    }

    @Test
    @Order(4)
    void accountWithTheRootTopicSpace_recordsTopicsOfItsOwnChoosing() throws Exception {
        final Devices.Device sensor = devices.create("root-sensor");
        try (var admin = new ApiClient(devices.demoApp("root-admin"), "demo")) {
            admin.result("registry", "account.update", args().put("id", "demo").put("topicSpace", "root"));
        }
        // a new connection of the application carries the new space
        try (var api = new ApiClient(devices.demoApp("root-buckets"), "demo")) {
            api.result(
                    "devices",
                    "bucket.create",
                    args().put("bucket", "plain-topics").put("topicFilter", "sensors/#"));
            final Mqtt5BlockingClient device = devices.mqtt5(sensor);
            Publishes.qos1(device, "sensors/1/temperature", "19.0");
            Publishes.qos1(device, "elsewhere/1", "not on the filter");
            assertEquals(List.of("19.0"), payloads(api, "plain-topics"));
        } finally {
            try (var admin = new ApiClient(devices.demoApp("root-admin-back"), "demo")) {
                admin.result(
                        "registry", "account.update", args().put("id", "demo").put("topicSpace", "account"));
            }
        }
    }

    private static List<String> payloads(final ApiClient api, final String bucket) {
        final List<String> payloads = new ArrayList<>();
        api.result("devices", "bucket.export", args().put("bucket", bucket))
                .get("records")
                .forEach(record -> payloads.add(record.get("payload").asText()));
        return payloads;
    }

    private static List<Integer> unsigned(final byte[] bytes) {
        final List<Integer> values = new ArrayList<>();
        for (final byte b : bytes) {
            values.add(b & 0xff);
        }
        return values;
    }
}

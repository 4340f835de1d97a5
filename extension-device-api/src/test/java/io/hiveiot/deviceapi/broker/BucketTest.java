package io.hiveiot.deviceapi.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.hiveiot.testkit.ApiClient.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Buckets: messages on a configured filter recorded as published, still routed, and exported. */
class BucketTest {

    @RegisterExtension
    static final HiveMqBroker broker = Brokers.withAuth()
            .extensionConfig(Brokers.ID, """
                    <hive-iot-device-api>
                        <buckets>
                            <bucket>
                                <name>greenhouse</name>
                                <account>demo</account>
                                <topic-filter>accounts/demo/greenhouse/#</topic-filter>
                            </bucket>
                        </buckets>
                    </hive-iot-device-api>
                    """)
            .build();

    private final Devices devices = new Devices(broker);

    @Test
    void recordsEveryMessageOnTheFilter_routesItOn_andExportsJsonAndCsvPageByPage() throws Exception {
        final Mqtt5BlockingClient device = devices.mqtt5(devices.create("sensor"));
        final Mqtt3BlockingClient subscriber = devices.mqtt3(devices.create("display"));
        subscriber.subscribeWith().topicFilter("accounts/demo/greenhouse/#").qos(MqttQos.AT_LEAST_ONCE).send();
        try (var routed = subscriber.publishes(MqttGlobalPublishFilter.SUBSCRIBED)) {
            assertEquals(Mqtt5PubAckReasonCode.SUCCESS, Publishes.qos1(device, "accounts/demo/greenhouse/t1",
                    "{\"t\":21.5}").getReasonCode());
            device.publishWith().topic("accounts/demo/greenhouse/raw").qos(MqttQos.EXACTLY_ONCE)
                    .payload(new byte[]{(byte) 0xff, 0, 1}).send();
            Publishes.qos1(device, "accounts/demo/greenhouse/note", "a,\"quoted\"\nline");
            Publishes.qos1(device, "accounts/demo/elsewhere", "not recorded");
            assertEquals("accounts/demo/greenhouse/t1",
                    routed.receive(5, TimeUnit.SECONDS).orElseThrow().getTopic().toString());
        }
        try (var api = new ApiClient(devices.demoApp("exporter"), "demo")) {
            assertEquals("greenhouse", api.result("devices", "bucket.list", args()).at("/buckets/0/name").asText());

            final List<JsonNode> records = new ArrayList<>();
            JsonNode page = api.result("devices", "bucket.export", args().put("bucket", "greenhouse").put("limit", 2));
            page.get("records").forEach(records::add);
            assertTrue(page.has("cursor"));
            page = api.result("devices", "bucket.export", args().put("bucket", "greenhouse").put("limit", 2)
                    .put("cursor", page.get("cursor").asText()));
            page.get("records").forEach(records::add);
            assertEquals(3, records.size());
            assertEquals("{\"t\":21.5}", records.get(0).get("payload").asText());
            assertEquals("utf-8", records.get(0).get("encoding").asText());
            assertEquals("base64", records.get(1).get("encoding").asText());
            assertEquals(List.of(0xff, 0, 1), unsigned(Base64.getDecoder().decode(records.get(1).get("payload")
                    .asText())));

            final String csv = api.result("devices", "bucket.export", args().put("bucket", "greenhouse")
                    .put("format", "csv")).get("csv").asText();
            final String[] lines = csv.split("\r\n");
            assertEquals("ts,topic,encoding,payload", lines[0]);
            assertTrue(lines[1].endsWith(",accounts/demo/greenhouse/t1,utf-8,\"{\"\"t\"\":21.5}\""), lines[1]);
            assertTrue(csv.endsWith(",accounts/demo/greenhouse/note,utf-8,\"a,\"\"quoted\"\"\nline\"\r\n"), csv);

            assertEquals("not-found", api.errorCode("devices", "bucket.export", args().put("bucket", "nope")));
            assertEquals("bad-request", api.errorCode("devices", "bucket.export", args().put("bucket", "greenhouse")
                    .put("format", "xml")));
        }
        assertEquals(3, broker.metrics().counter("hive-iot.device-api.buckets.recorded").getCount());
    }

    private static List<Integer> unsigned(final byte[] bytes) {
        final List<Integer> values = new ArrayList<>();
        for (final byte b : bytes) {
            values.add(b & 0xff);
        }
        return values;
    }
}

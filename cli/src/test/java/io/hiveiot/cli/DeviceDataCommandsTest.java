package io.hiveiot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import io.hiveiot.testkit.Await;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.hiveiot.cli.Cli.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The devices service's commands (telemetry, attributes, RPC, buckets) and watch, with real devices. */
class DeviceDataCommandsTest {

    @RegisterExtension
    static final HiveMqBroker broker = FleetBroker.withRegistryAndDevices()
            .extensionConfig("hive-iot-device-api", """
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

    private final Cli cli = new Cli(broker);

    /** The README's walkthrough: quick start, create a device, publish as mosquitto_pub does, read it back. */
    @Test
    void readmeWalkthrough_createPublishWithMosquittoPub_telemetryLatestShowsIt() throws Exception {
        final Cli.Result created = cli.run("devices", "create", "walkthrough-1");
        assertEquals(0, created.exitCode(), created::toString);
        final String token = field(created.out(), "token");

        // mosquitto_pub -u <token> -t v1/devices/me/telemetry -m '{"temperature":25}'  (MQTT 3.1.1, QoS 0)
        final Mqtt3BlockingClient device = FleetBroker.mosquittoDevice(broker, token);
        device.publishWith()
                .topic("v1/devices/me/telemetry")
                .qos(MqttQos.AT_MOST_ONCE)
                .payload("{\"temperature\":25}".getBytes(StandardCharsets.UTF_8))
                .send();
        device.disconnect();

        final Cli.Result latest = Await.until(
                () -> cli.run("telemetry", "latest", "walkthrough-1"),
                result -> result.out().contains("temperature"));
        assertEquals(0, latest.exitCode(), latest::toString);
        final List<String> lines = latest.out().lines().toList();
        assertTrue(lines.get(0).matches("KEY\\s+VALUE\\s+TIME"), latest::toString);
        assertTrue(lines.get(1).matches("temperature\\s+25\\s+\\d{4}-\\d\\d-\\d\\dT.*Z"), latest::toString);

        final Cli.Result json = cli.run("telemetry", "latest", "walkthrough-1", "temperature", "--json");
        assertEquals(25, json.json().at("/values/temperature/value").asInt(), json::toString);
    }

    @Test
    void telemetryHistory_honoursSinceAndFromTo() throws Exception {
        final String token = field(cli.run("devices", "create", "history-1").out(), "token");
        final long now = System.currentTimeMillis();
        final long twoHoursAgo = now - 7_200_000;
        final long tenMinutesAgo = now - 600_000;
        final Mqtt3BlockingClient device = FleetBroker.mosquittoDevice(broker, token);
        device.publishWith()
                .topic("v1/devices/me/telemetry")
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(("[{\"ts\":" + twoHoursAgo + ",\"values\":{\"t\":1}}," + "{\"ts\":" + tenMinutesAgo
                                + ",\"values\":{\"t\":2}}]")
                        .getBytes(StandardCharsets.UTF_8))
                .send();

        final Cli.Result lastHour = cli.run("telemetry", "history", "history-1", "t", "--since", "1h", "--json");
        assertEquals(0, lastHour.exitCode(), lastHour::toString);
        assertEquals(1, lastHour.json().path("entries").size(), lastHour::toString);
        assertEquals(2, lastHour.json().at("/entries/0/value").asInt(), lastHour::toString);

        final Cli.Result range = cli.run(
                "telemetry",
                "history",
                "history-1",
                "t",
                "--from",
                Long.toString(twoHoursAgo),
                "--to",
                java.time.Instant.ofEpochMilli(now).toString());
        assertEquals(0, range.exitCode(), range::toString);
        final List<String> lines = range.out().lines().toList();
        assertEquals(3, lines.size(), "header and two entries, newest first: " + range);
        assertTrue(lines.get(1).matches(".*Z\\s+t\\s+2"), range::toString);
        assertTrue(lines.get(2).matches(".*Z\\s+t\\s+1"), range::toString);

        final Cli.Result badTime = cli.run("telemetry", "history", "history-1", "t", "--since", "yesterday");
        assertEquals(64, badTime.exitCode(), badTime::toString);
        assertTrue(badTime.err().contains("Write it like 500ms, 30s"), badTime::toString);
    }

    @Test
    void telemetryHistory_withAggAndInterval_printsOneAggregatePerInterval() throws Exception {
        final String token = field(cli.run("devices", "create", "aggregated-1").out(), "token");
        final long hour = 3_600_000;
        final long from = (System.currentTimeMillis() / hour - 3) * hour;
        final Mqtt3BlockingClient device = FleetBroker.mosquittoDevice(broker, token);
        device.publishWith()
                .topic("v1/devices/me/telemetry")
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(("[{\"ts\":" + (from + 60_000) + ",\"values\":{\"t\":1}},"
                                + "{\"ts\":" + (from + 120_000) + ",\"values\":{\"t\":2}},"
                                + "{\"ts\":" + (from + hour + 1) + ",\"values\":{\"t\":6}}]")
                        .getBytes(StandardCharsets.UTF_8))
                .send();

        final Cli.Result hourly = cli.run(
                "telemetry",
                "history",
                "aggregated-1",
                "t",
                "--from",
                Long.toString(from),
                "--to",
                Long.toString(from + 2 * hour),
                "--agg",
                "AVG",
                "--interval",
                "1h",
                "--json");
        assertEquals(0, hourly.exitCode(), hourly::toString);
        assertEquals(
                List.of((from + hour + hour / 2) + "=6.0", (from + hour / 2) + "=1.5"),
                java.util.stream.StreamSupport.stream(
                                hourly.json().path("entries").spliterator(), false)
                        .map(entry -> entry.path("ts").asLong() + "=" + entry.path("value"))
                        .toList(),
                hourly::toString);
        final Cli.Result counted = cli.run(
                "telemetry",
                "history",
                "aggregated-1",
                "t",
                "--from",
                Long.toString(from),
                "--to",
                Long.toString(from + 2 * hour),
                "--agg",
                "COUNT",
                "--interval",
                "2h");
        assertTrue(counted.out().lines().anyMatch(line -> line.matches(".*Z\\s+t\\s+3")), counted::toString);

        assertEquals(
                64,
                cli.run("telemetry", "history", "aggregated-1", "t", "--agg", "AVG")
                        .exitCode());
        assertEquals(
                64,
                cli.run("telemetry", "history", "aggregated-1", "t", "--interval", "1h")
                        .exitCode());
        assertEquals(
                64,
                cli.run("telemetry", "history", "aggregated-1", "t", "--agg", "MEDIAN", "--interval", "1h")
                        .exitCode());
    }

    @Test
    void attributes_setPushesToTheDevice_getShowsBothScopes_deletePushesDeleted() throws Exception {
        final String token = field(cli.run("devices", "create", "attributed-1").out(), "token");
        final Mqtt3BlockingClient device = FleetBroker.mosquittoDevice(broker, token);
        device.publishWith()
                .topic("v1/devices/me/attributes")
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload("{\"firmware\":\"1.0\"}".getBytes(StandardCharsets.UTF_8))
                .send();
        device.subscribeWith()
                .topicFilter("v1/devices/me/attributes")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        try (var pushes = device.publishes(MqttGlobalPublishFilter.SUBSCRIBED)) {
            final Cli.Result set = cli.run("attributes", "set", "attributed-1", "target=22", "mode=eco");
            assertEquals(0, set.exitCode(), set::toString);
            assertTrue(set.out().contains("pushed to the device"), set::toString);
            assertEquals(
                    "{\"target\":22,\"mode\":\"eco\"}",
                    text(pushes.receive(5, TimeUnit.SECONDS).orElseThrow()));

            final Cli.Result get = cli.run("attributes", "get", "attributed-1");
            assertEquals(0, get.exitCode(), get::toString);
            assertTrue(get.out().lines().anyMatch(line -> line.matches("client\\s+firmware\\s+1.0")), get::toString);
            assertTrue(get.out().lines().anyMatch(line -> line.matches("shared\\s+target\\s+22")), get::toString);

            final Cli.Result shared =
                    cli.run("attributes", "get", "attributed-1", "--scope", "shared", "mode", "--json");
            assertEquals("eco", shared.json().at("/shared/mode").asText(), shared::toString);
            assertTrue(shared.json().path("client").isEmpty(), shared::toString);

            final Cli.Result deleted = cli.run("attributes", "delete", "attributed-1", "mode");
            assertEquals(0, deleted.exitCode(), deleted::toString);
            assertEquals(
                    "{\"deleted\":[\"mode\"]}",
                    text(pushes.receive(5, TimeUnit.SECONDS).orElseThrow()));
        }

        final Cli.Result forbidden = cli.run("attributes", "set", "attributed-1", "fw_title=x");
        assertEquals(1, forbidden.exitCode(), forbidden::toString);
        assertTrue(forbidden.err().contains("hive-iot firmware assign"), forbidden::toString);
    }

    @Test
    void rpcCall_printsTheDevicesResponse() throws Exception {
        final String token = field(cli.run("devices", "create", "rpc-1").out(), "token");
        final Mqtt3BlockingClient device = FleetBroker.mosquittoDevice(broker, token);
        device.toAsync()
                .subscribeWith()
                .topicFilter("v1/devices/me/rpc/request/+")
                .qos(MqttQos.AT_LEAST_ONCE)
                .callback(request -> device.toAsync()
                        .publishWith()
                        .topic(request.getTopic().toString().replace("/request/", "/response/"))
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .payload(("{\"echo\":" + text(request) + "}").getBytes(StandardCharsets.UTF_8))
                        .send())
                .send()
                .get(5, TimeUnit.SECONDS);

        final Cli.Result call = cli.run("rpc", "call", "rpc-1", "setGpio", "{\"pin\":26,\"value\":1}");
        assertEquals(0, call.exitCode(), call::toString);
        // Two-way RPC prints the device's response as JSON, with or without --json.
        final JsonNode response = new ObjectMapper().readTree(call.out());
        assertEquals("setGpio", response.at("/echo/method").asText(), call::toString);
        assertEquals(26, response.at("/echo/params/pin").asInt(), call::toString);

        final Cli.Result oneway = cli.run("rpc", "call", "rpc-1", "reboot", "--oneway", "--json");
        assertEquals(0, oneway.exitCode(), oneway::toString);
        assertTrue(oneway.json().path("requestId").canConvertToInt(), oneway::toString);
    }

    @Test
    void rpcCall_toADeviceThatNeverAnswers_exits3() throws Exception {
        final String token = field(cli.run("devices", "create", "silent-1").out(), "token");
        final Mqtt3BlockingClient device = FleetBroker.mosquittoDevice(broker, token);
        device.subscribeWith()
                .topicFilter("v1/devices/me/rpc/request/+")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();

        final Cli.Result timedOut = cli.run("rpc", "call", "silent-1", "setGpio", "--rpc-timeout", "300ms");
        assertEquals(3, timedOut.exitCode(), timedOut::toString);
        assertTrue(timedOut.err().contains("failed: timeout"), timedOut::toString);
        assertTrue(timedOut.err().contains("--rpc-timeout"), timedOut::toString);
    }

    @Test
    void rpcCall_toAMissingDevice_exits1_andToAnOfflineOne_saysUsePersistent() {
        final Cli.Result missing = cli.run("rpc", "call", "no-such-device", "setGpio");
        assertEquals(1, missing.exitCode(), missing::toString);
        assertTrue(missing.err().contains("not-found"), missing::toString);

        cli.run("devices", "create", "offline-1");
        final Cli.Result offline = cli.run("rpc", "call", "offline-1", "setGpio");
        assertEquals(1, offline.exitCode(), offline::toString);
        assertTrue(offline.err().contains("unavailable") && offline.err().contains("--persistent"), offline::toString);
    }

    @Test
    void rpcPersistent_isQueued_andRpcStatusFollowsIt() {
        cli.run("devices", "create", "queued-1");
        final Cli.Result queued =
                cli.run("rpc", "call", "queued-1", "setTarget", "21", "--persistent", "--expires", "1h");
        assertEquals(0, queued.exitCode(), queued::toString);
        assertTrue(queued.out().startsWith("queued as request "), queued::toString);
        final String requestId = queued.out().split(" ")[3];

        final Cli.Result status = cli.run("rpc", "status", "queued-1", requestId);
        assertEquals(0, status.exitCode(), status::toString);
        assertTrue(
                status.out()
                        .lines()
                        .skip(1)
                        .findFirst()
                        .orElseThrow()
                        .matches(requestId + "\\s+setTarget\\s+QUEUED\\s+.*"),
                status::toString);
    }

    @Test
    void watch_seesADevicesOwnRpcRequest_andRpcReplyAnswersIt() throws Exception {
        final String token = field(cli.run("devices", "create", "asking-1").out(), "token");
        final Mqtt3BlockingClient device = FleetBroker.mosquittoDevice(broker, token);
        device.subscribeWith()
                .topicFilter("v1/devices/me/rpc/response/+")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();

        final Cli.Running watch =
                cli.start("watch", "--device", "asking-1", "--event", "rpc", "--count", "1", "--json");
        awaitWatching(watch);
        device.publishWith()
                .topic("v1/devices/me/rpc/request/5")
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload("{\"method\":\"getTime\",\"params\":{}}".getBytes(StandardCharsets.UTF_8))
                .send();
        final Cli.Result watched = watch.result().get(15, TimeUnit.SECONDS);
        assertEquals(0, watched.exitCode(), watched::toString);
        final JsonNode event = watched.json();
        assertEquals("rpc", event.path("event").asText(), watched::toString);
        assertEquals("from-device", event.at("/data/direction").asText(), watched::toString);
        assertEquals("getTime", event.at("/data/method").asText(), watched::toString);

        try (var responses = device.publishes(MqttGlobalPublishFilter.SUBSCRIBED)) {
            final Cli.Result reply = cli.run(
                    "rpc", "reply", "asking-1", event.at("/data/requestId").asText(), "{\"time\":1764583200000}");
            assertEquals(0, reply.exitCode(), reply::toString);
            final Mqtt3Publish response = responses.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertEquals("v1/devices/me/rpc/response/5", response.getTopic().toString());
            assertEquals("{\"time\":1764583200000}", text(response));
        }
    }

    @Test
    void watch_printsTelemetryEventsAsTheyHappen_andStopsAfterFor() throws Exception {
        final String token = field(cli.run("devices", "create", "watched-1").out(), "token");
        final Cli.Running watch = cli.start("watch", "--event", "telemetry", "--count", "2");
        awaitWatching(watch);
        final Mqtt3BlockingClient device = FleetBroker.mosquittoDevice(broker, token);
        device.publishWith()
                .topic("v1/devices/me/telemetry")
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload("{\"humidity\":40}".getBytes(StandardCharsets.UTF_8))
                .send();
        device.publishWith()
                .topic("v1/devices/me/telemetry")
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload("{\"humidity\":41}".getBytes(StandardCharsets.UTF_8))
                .send();
        final Cli.Result watched = watch.result().get(15, TimeUnit.SECONDS);
        assertEquals(0, watched.exitCode(), watched::toString);
        final List<String> lines = watched.out().lines().toList();
        assertEquals(2, lines.size(), watched::toString);
        assertTrue(
                lines.get(0).matches("\\S+Z  watched-1  telemetry  \\{\"ts\":\\d+,\"values\":\\{\"humidity\":40}}"),
                watched::toString);

        final Cli.Result quiet = cli.run("watch", "--device", "watched-1", "--for", "300ms");
        assertEquals(0, quiet.exitCode(), quiet::toString);
        assertEquals("", quiet.out(), quiet::toString);
    }

    @Test
    void buckets_listAndExportToAFile_asCsvAndJson(@TempDir final Path folder) throws Exception {
        final String token = field(cli.run("devices", "create", "greenhouse-1").out(), "token");
        final Mqtt3BlockingClient device = FleetBroker.mosquittoDevice(broker, token);
        for (int i = 0; i < 3; i++) {
            device.publishWith()
                    .topic("accounts/demo/greenhouse/t" + i)
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(("{\"t\":2" + i + "}").getBytes(StandardCharsets.UTF_8))
                    .send();
        }

        final Cli.Result list = cli.run("buckets", "list");
        assertEquals(0, list.exitCode(), list::toString);
        assertTrue(
                list.out()
                        .lines()
                        .anyMatch(line -> line.matches(
                                "greenhouse\\s+accounts/demo/greenhouse/#\\s+true\\s+default\\s+config.*")),
                list::toString);

        final Path csv = folder.resolve("greenhouse.csv");
        final Cli.Result export =
                cli.run("buckets", "export", "greenhouse", "--since", "1h", "--page-size", "2", "-o", csv.toString());
        assertEquals(0, export.exitCode(), export::toString);
        assertTrue(export.err().contains("exported 3 record(s)"), export::toString);
        final List<String> rows = Files.readAllLines(csv);
        assertEquals("ts,topic,encoding,payload", rows.get(0), "one header across pages");
        assertEquals(4, rows.size(), String.join("\n", rows));
        assertTrue(rows.get(1).contains("accounts/demo/greenhouse/t0"), String.join("\n", rows));

        final Cli.Result json = cli.run("buckets", "export", "greenhouse", "--format", "json");
        assertEquals(0, json.exitCode(), json::toString);
        assertEquals(3, json.json().size(), json::toString);
        assertEquals("{\"t\":22}", json.json().at("/2/payload").asText(), json::toString);

        final Cli.Result unknown = cli.run("buckets", "export", "no-such-bucket");
        assertEquals(1, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.err().contains("`hive-iot buckets list` lists them"), unknown::toString);
    }

    @Test
    void buckets_createUpdateDelete_recordAtOnce() throws Exception {
        final String token = field(cli.run("devices", "create", "orchard-1").out(), "token");
        final Mqtt3BlockingClient device = FleetBroker.mosquittoDevice(broker, token);
        final Cli.Result created = cli.run(
                "buckets",
                "create",
                "orchard",
                "accounts/demo/orchard/#",
                "--description",
                "apples",
                "--retention",
                "P7D");
        assertEquals(0, created.exitCode(), created::toString);
        assertEquals("P7D", field(created.out(), "retention"));
        device.publishWith()
                .topic("accounts/demo/orchard/t")
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload("18".getBytes(StandardCharsets.UTF_8))
                .send();

        final Cli.Result disabled = cli.run("buckets", "update", "orchard", "--disabled", "--retention", "default");
        assertEquals("false", field(disabled.out(), "enabled"), disabled::toString);
        assertEquals("default", field(disabled.out(), "retention"));
        final Cli.Result deleted = cli.run("buckets", "delete", "orchard");
        assertEquals(0, deleted.exitCode(), deleted::toString);
        assertTrue(deleted.out().contains("deleted bucket orchard and its 1 record(s)"), deleted::toString);
        final Cli.Result outside = cli.run("buckets", "create", "elsewhere", "sensors/#");
        assertEquals(1, outside.exitCode(), outside::toString);
    }

    private static void awaitWatching(final Cli.Running watch) throws Exception {
        final String err = Await.until(() -> watch.err().toString(), text -> text.contains("watching "));
        assertTrue(err.contains("watching "), "watch did not subscribe: " + err);
    }

    private static String text(final Mqtt3Publish publish) {
        return new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }
}

package io.hiveiot.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hiveiot.testkit.Await;
import io.hiveiot.testkit.FirstRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each seed platform's devices against the packaged distribution, as its own documentation has users do it: the
 * documents' mosquitto commands (host and port set to this broker's, TLS with the ca.pem of the first start) and
 * the CLI for the setup. No XML is edited.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SeedPlatformsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration COMMAND = Duration.ofSeconds(60);

    private BrokerProcess broker;
    private InstanceIT.Ports ports;
    private Path instance;
    private Path work;
    private Map<String, String> firstRun;

    @BeforeAll
    void startBroker(@TempDir final Path temp) throws IOException {
        work = temp;
        ports = new InstanceIT.Ports();
        instance = temp.resolve("instance");
        broker = BrokerProcess.start(
                BrokerProcess.distribution().resolve("bin/hive-iot-broker"),
                temp,
                temp.resolve("output"),
                Map.of(
                        "HIVE_IOT_INSTANCE", instance.toString(),
                        "HIVE_IOT_MQTT_PORT", Integer.toString(ports.mqtt),
                        "HIVE_IOT_WS_PORT", Integer.toString(ports.ws),
                        "HIVE_IOT_MQTTS_PORT", Integer.toString(ports.mqtts),
                        "HIVE_IOT_WSS_PORT", Integer.toString(ports.wss)));
        broker.awaitListening(ports.mqtts, Duration.ofSeconds(90));
        broker.awaitFile(instance.resolve("data/hive-iot/first-run.txt"), Duration.ofSeconds(30));
        firstRun = FirstRun.read(instance.resolve("data"));
    }

    @AfterAll
    void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.close();
        }
    }

    /** ThingsBoard's MQTT device API page, its commands for a local broker. */
    @Test
    void thingsBoard_theDocumentsCommands_storeWhatThingsBoardStores() throws Exception {
        final String token =
                cli("devices create tb-device --json").at("/credentials/token").asText();
        final Map<String, String> device = variables("ACCESS_TOKEN", token);
        sh(
                "mosquitto_pub -d -q 1 -h \"127.0.0.1\" -p \"$PORT\" -t \"v1/devices/me/telemetry\" -u \"$ACCESS_TOKEN\" "
                        + "-m \"{\"temperature\":42}\"",
                device);
        Files.writeString(work.resolve("telemetry-data-with-ts.json"), """
                {
                  "ts": 1451649600512,
                  "values": {
                    "stringKey": "value1",
                    "booleanKey": true,
                    "doubleKey": 42.0,
                    "longKey": 73
                  }
                }
                """);
        sh(
                "mosquitto_pub -d -q 1 -h \"127.0.0.1\" -p \"$PORT\" -t \"v1/devices/me/telemetry\" -u \"$ACCESS_TOKEN\" "
                        + "-f \"telemetry-data-with-ts.json\"",
                device);
        // the shell takes the inner quotes: the broker gets {attribute1: value1, attribute2: true}
        sh(
                "mosquitto_pub -d -h \"127.0.0.1\" -p \"$PORT\" -t \"v1/devices/me/attributes\" -u \"$ACCESS_TOKEN\" "
                        + "-m \"{\"attribute1\": \"value1\", \"attribute2\": true}\"",
                device);

        final JsonNode latest = cli("telemetry latest tb-device --json").path("values");
        assertEquals(42, latest.at("/temperature/value").asInt(), latest.toString());
        assertEquals(1451649600512L, latest.at("/doubleKey/ts").asLong());
        assertEquals("42.0", latest.at("/doubleKey/value").toString(), "a DOUBLE keeps its .0");
        final JsonNode attributes = cli("attributes get tb-device --json");
        assertEquals("\"value1\"", attributes.at("/client/attribute1").toString(), attributes.toString());
        assertEquals("true", attributes.at("/client/attribute2").toString());

        // shared attribute updates reach mosquitto_sub as the document shows
        final Path pushes = work.resolve("tb-sub.txt");
        final Process subscriber = Shell.background(
                "mosquitto_sub -d -h \"127.0.0.1\" -p \"$PORT\" -t "
                        + "\"v1/devices/me/attributes\" -u \"$ACCESS_TOKEN\"",
                device,
                pushes);
        try {
            Await.until(() -> read(pushes), text -> text.contains("SUBACK"));
            cli("attributes set tb-device target=22");
            assertTrue(Await.until(() -> read(pushes), text -> text.contains("{\"target\":22}"))
                    .contains("{\"target\":22}"));
        } finally {
            subscriber.destroy();
        }
    }

    /** Thinger.io: username = account, client ID = device, password = device credential; TLS 8883, MQTT 3.1.1. */
    @Test
    void thinger_devicesOfAnAccountWithTheRootTopicSpace_useTheirOwnTopics_andABucketRecordsThem() throws Exception {
        final JsonNode account = cli("accounts create thinger-user --topic-space root --json");
        final Map<String, String> thinger = variables(
                "HIVE_IOT_APP_ID",
                "thinger-user",
                "HIVE_IOT_APP_SECRET",
                account.path("appSecret").asText());
        try {
            cliAs(
                    thinger,
                    "devices create thermostat --username thinger-user --client-id thermostat "
                            + "--password device-credential");
            cliAs(
                    thinger,
                    "devices create dashboard --username thinger-user --client-id dashboard "
                            + "--password dashboard-credential");
            cliAs(thinger, "buckets create WeatherData 'house/#' --description 'Temperature and humidity in house'");

            final Path dashboard = work.resolve("thinger-sub.txt");
            final Process subscriber = Shell.background(
                    "mosquitto_sub -V mqttv311 -h localhost -p \"$MQTTS\" "
                            + "--cafile \"$CA\" -u thinger-user -i dashboard -P dashboard-credential -t 'house/#' -v -d",
                    variables(),
                    dashboard);
            try {
                awaitSubscribed(dashboard);
                sh(
                        "mosquitto_pub -V mqttv311 -h localhost -p \"$MQTTS\" --cafile \"$CA\" -u thinger-user -i thermostat "
                                + "-P device-credential -q 1 -t house/temperature -m 21.5",
                        variables());
                assertTrue(Await.until(() -> read(dashboard), text -> text.contains("house/temperature 21.5"))
                        .contains("house/temperature 21.5"));
            } finally {
                subscriber.destroy();
            }
            final JsonNode records = cliAs(thinger, "buckets export WeatherData --format json");
            assertEquals("21.5", records.at("/0/payload").asText(), records.toString());
            assertEquals("house/temperature", records.at("/0/topic").asText());
        } finally {
            // one account at most holds the root space, and the iotBind test needs it too
            cli("accounts update thinger-user --topic-space account");
        }
    }

    /**
     * foxtrackr: consumers on one login with client IDs id-&lt;login&gt;-nn, group topics, TLS. Two consumers run the
     * document's mosquitto_sub for 30 s while a device publishes every second: neither is ever evicted.
     */
    @Test
    void foxtrackr_twoConsumersOfOneLogin_thirtySeconds_noEviction_everyMessageTwice() throws Exception {
        cli("devices create foxtrackr-login --username given --password 'userPassword' "
                + "--client-id '^id-${username}-[0-9]{2}$' --client-id-regex");
        final String token =
                cli("devices create 12345 --json").at("/credentials/token").asText();
        cli("tracking families create foxtrackr");
        cli("tracking groups create foxtrackr my_group_name 12345");

        final Path first = work.resolve("fox-01.txt");
        final Path second = work.resolve("fox-02.txt");
        final String subscribe = "mosquitto_sub -h 127.0.0.1 \\\n-p \"$MQTTS\" \\\n--cafile \"$CA\" \\\n-t "
                + "'foxtrackr/#' \\\n-i %s \\\n-c -q 2 \\\n-u given -P 'userPassword' -d";
        final Process one = Shell.background(String.format(subscribe, "id-given-01"), variables(), first);
        final Process two = Shell.background(String.format(subscribe, "id-given-02"), variables(), second);
        try {
            Await.until(() -> read(first) + read(second), text -> count(text, "SUBACK") == 2);
            final long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int sent = 0;
            while (System.nanoTime() < end) {
                sh(
                        "mosquitto_pub -h 127.0.0.1 -p \"$PORT\" -u \"$TOKEN\" -q 1 -t foxtrackr/12345/V3.0/bat "
                                + "-m '{\"messageType\":3,\"deviceId\":\"12345\",\"version\":3,\"battery\":{\"level\":"
                                + sent + "}}'",
                        variables("TOKEN", token));
                sent++;
                Thread.sleep(1000);
            }
            final int expected = 2 * sent;
            Await.until(
                    () -> count(read(first), "received PUBLISH") + count(read(second), "received PUBLISH"),
                    received -> received >= 2 * expected);
            for (final Path consumer : new Path[] {first, second}) {
                final String output = read(consumer);
                assertEquals(1, count(output, "sending CONNECT"), "evicted and reconnected:\n" + output);
                assertEquals(expected, count(output, "received PUBLISH"), output);
                assertEquals(sent, count(output, "'foxtrackr/my_group_name/V3.0/bat'"), "the group topic");
            }
            assertTrue(one.isAlive() && two.isAlive());
            assertEquals(
                    2,
                    cli("devices get foxtrackr-login --json")
                            .at("/status/connections")
                            .asInt());
            assertEquals(
                    "per-client-id",
                    cli("devices get foxtrackr-login --json")
                            .at("/credentials/0/sessions")
                            .asText());
        } finally {
            one.destroy();
            two.destroy();
        }
    }

    /** iotBind over MQTT.one: one shared login, client IDs iotbind-..., documents on a topic the user chose. */
    @Test
    void iotBind_sharedLogin_trackingUpdate_publishesTheDocumentToItsOwnTopic() throws Exception {
        final JsonNode account = cli("accounts create iotbind-user --json");
        cli("accounts update iotbind-user --topic-space root");
        final Map<String, String> iotBind = variables(
                "HIVE_IOT_APP_ID",
                "iotbind-user",
                "HIVE_IOT_APP_SECRET",
                account.path("appSecret").asText());
        cliAs(
                iotBind,
                "devices create mqtt-one --username mqttone-user --password mqttone-password "
                        + "--client-id '^iotbind-[0-9A-Za-z]+$' --client-id-regex");
        final JsonNode tracker = cliAs(
                iotBind,
                "tracking devices create --uid UniqueID --key 'Device API secret key' "
                        + "--name DeviceName --type 'Phone app tracking' --publish --publish-topic my/devices/UniqueID --json");
        assertEquals("UniqueID", tracker.path("uid").asText(), tracker.toString());

        final Path documents = work.resolve("iotbind-sub.txt");
        final Process subscriber = Shell.background(
                "mosquitto_sub -h 127.0.0.1 -p \"$PORT\" -u mqttone-user "
                        + "-P mqttone-password -i iotbind-000000002 -t 'my/devices/#' -d",
                variables(),
                documents);
        try {
            awaitSubscribed(documents);
            sh(
                    "mosquitto_pub -h 127.0.0.1 -p \"$PORT\" -u mqttone-user -P mqttone-password -i iotbind-000000001 "
                            + "-q 1 -t iotbind/tracking/ -m '{\"uid\":\"UniqueID\",\"key\":\"Device API secret key\","
                            + "\"longitude\":\"17.6359479\",\"latitude\":\"44.5318535\",\"data1\":\"Anything\"}'",
                    variables());
            final String document = Await.until(() -> read(documents), text -> text.contains("\"uid\""));
            assertTrue(document.contains("\"longitude\":\"17.6359479\""), document);
            assertTrue(subscriber.isAlive(), "two clients of the shared login both stay connected");
        } finally {
            subscriber.destroy();
            cli("accounts update iotbind-user --topic-space account");
        }
    }

    /** Sensoro-style applications: AppID and AppSecret, client ID AppID/..., the account's device events. */
    @Test
    void appIdAndAppSecret_application_receivesTheAccountsDeviceEvents() throws Exception {
        final Path events = work.resolve("app-sub.txt");
        final Process application = Shell.background(
                "mosquitto_sub -h 127.0.0.1 -p \"$PORT\" -u \"$APP_ID\" "
                        + "-P \"$APP_SECRET\" -i \"$APP_ID/$UUID\" -q 1 -t \"users/$APP_ID/devices\" -d",
                variables(
                        "APP_ID",
                        firstRun.get("app-id"),
                        "APP_SECRET",
                        firstRun.get("app-secret"),
                        "UUID",
                        UUID.randomUUID().toString()),
                events);
        try {
            awaitSubscribed(events);
            sh(
                    "mosquitto_pub -h 127.0.0.1 -p \"$PORT\" -u \"$TOKEN\" -q 1 -t v1/devices/me/telemetry "
                            + "-m '{\"humidity\":40}'",
                    variables("TOKEN", firstRun.get("device-token")));
            final String event = Await.until(() -> read(events), text -> text.contains("\"humidity\""));
            assertTrue(event.contains("\"event\":\"telemetry\""), event);
        } finally {
            application.destroy();
        }
    }

    /** mosquitto_sub with {@code -d} reports the SUBACK: from then on it receives. */
    private static void awaitSubscribed(final Path output) throws Exception {
        Await.until(() -> read(output), text -> text.contains("SUBACK"));
    }

    private Map<String, String> variables(final String... more) {
        final Map<String, String> variables = new HashMap<>(Map.of(
                "PORT", Integer.toString(ports.mqtt),
                "MQTTS", Integer.toString(ports.mqtts),
                "CA", instance.resolve("data/hive-iot/ca.pem").toString(),
                "HIVE_IOT_INSTANCE", instance.toString(),
                "HIVE_IOT_PORT", Integer.toString(ports.mqtt),
                "JAVA_HOME", System.getProperty("java.home"),
                "CLI", BrokerProcess.distribution().resolve("bin/hive-iot").toString()));
        for (int i = 0; i < more.length; i += 2) {
            variables.put(more[i], more[i + 1]);
        }
        return variables;
    }

    private void sh(final String command, final Map<String, String> variables) throws Exception {
        final Shell.Result result =
                Shell.run("cd \"$WORK\" && " + command, with(variables, "WORK", work.toString()), COMMAND);
        assertEquals(0, result.exitCode(), command + "\n" + result.output() + broker.output());
    }

    private JsonNode cli(final String arguments) throws Exception {
        return cliAs(variables(), arguments);
    }

    /** The CLI as the operator runs it; a {@code --json} answer is parsed, other output is kept as text. */
    private JsonNode cliAs(final Map<String, String> variables, final String arguments) throws Exception {
        final Shell.Result result = Shell.run("\"$CLI\" " + arguments, with(variables(), variables), COMMAND);
        assertEquals(0, result.exitCode(), arguments + "\n" + result.output());
        return arguments.contains("--json") || arguments.contains("--format json")
                ? JSON.readTree(result.output())
                : JSON.getNodeFactory().textNode(result.output());
    }

    private static Map<String, String> with(final Map<String, String> base, final String name, final String value) {
        final Map<String, String> merged = new HashMap<>(base);
        merged.put(name, value);
        return merged;
    }

    private static Map<String, String> with(final Map<String, String> base, final Map<String, String> more) {
        final Map<String, String> merged = new HashMap<>(base);
        merged.putAll(more);
        return merged;
    }

    private static String read(final Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (final IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int count(final String text, final String what) {
        final Matcher matcher = Pattern.compile(Pattern.quote(what)).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}

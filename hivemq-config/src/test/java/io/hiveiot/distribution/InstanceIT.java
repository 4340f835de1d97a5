package io.hiveiot.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.hiveiot.testkit.FirstRun;
import io.hiveiot.testkit.FreePort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The quick start as a user runs it twice: the broker keeps everything it changes in the instance folder (by default
 * a per-user folder, never the build tree), generates its TLS CA and server certificate on the first start, and a
 * second start of a rebuilt distribution keeps the first run's devices, configuration edits and keys. An operator's
 * own keystore replaces the generated one.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class InstanceIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path temp;

    private BrokerProcess broker;

    @AfterEach
    void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void quickStartTwice_keepsDevicesConfigurationAndKeys_inTheUsersInstanceFolder_andTlsWorksAtOnce()
            throws Exception {
        final Set<String> packaged = DistributionIT.files(BrokerProcess.distribution());
        final Path home = temp.resolve("home");
        final Path instance = home.resolve(".local/share/hive-iot");
        final Ports ports = new Ports();

        broker = start(home, ports, Map.of());
        final Path data = instance.resolve("data/hive-iot");
        broker.awaitFile(data.resolve("first-run.txt"), START_TIMEOUT);
        assertTrue(broker.stderr().contains("hive-iot: instance " + instance), broker.output());
        final Map<String, String> firstRun = FirstRun.read(instance.resolve("data"));

        // keys and data: the owner's only
        for (final String secret : List.of(
                "tls/ca.p12",
                "tls/hive-iot.p12",
                "tls/keystore-password",
                "data/hive-iot/first-run.txt",
                "data/hive-iot/auth.db",
                "data/hive-iot/device-data.db")) {
            assertEquals(
                    PosixFilePermissions.fromString("rw-------"),
                    Files.getPosixFilePermissions(instance.resolve(secret)),
                    secret);
        }
        final X509Certificate server = serverCertificate(instance);
        final Set<String> names = new TreeSet<>();
        server.getSubjectAlternativeNames()
                .forEach(name -> names.add(name.get(1).toString()));
        assertTrue(
                names.containsAll(Set.of("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1", hostName())), names.toString());

        // the seed's check works at once, with the CA written beside first-run.txt
        for (final String host : List.of("127.0.0.1", "localhost")) {
            final Shell.Result published = Shell.run(
                    "mosquitto_pub --cafile \"$CA\" -h " + host + " -p " + ports.mqtts
                            + " -u \"$TOKEN\" -q 1 -t v1/devices/me/telemetry -m '{\"tls\":1}'",
                    Map.of("CA", data.resolve("ca.pem").toString(), "TOKEN", firstRun.get("device-token")),
                    Duration.ofSeconds(30));
            assertEquals(0, published.exitCode(), published.output() + broker.output());
        }
        for (final boolean webSocket : new boolean[] {false, true}) {
            final Mqtt5BlockingClient tls =
                    tlsClient(data.resolve("ca.pem"), webSocket ? ports.wss : ports.mqtts, webSocket);
            assertEquals(
                    Mqtt5ConnAckReasonCode.SUCCESS,
                    tls.connectWith()
                            .simpleAuth()
                            .username(firstRun.get("device-token"))
                            .applySimpleAuth()
                            .send()
                            .getReasonCode());
            tls.disconnect();
        }

        // a device made in the first run, and an edit of an extension's configuration in the instance
        final Shell.Result created = Shell.run(
                "\"$CLI\" devices create kept-device --json", cliEnvironment(home, ports), Duration.ofSeconds(60));
        assertEquals(0, created.exitCode(), created.output());
        final String keptToken = json(created.output()).at("/credentials/token").asText();
        final Path deviceApiConfig = instance.resolve("extensions/hive-iot-device-api/conf/config.xml");
        Files.writeString(deviceApiConfig, """
                <hive-iot-device-api>
                    <buckets>
                        <bucket><name>edited</name><account>demo</account><topic-filter>accounts/demo/e/#</topic-filter></bucket>
                    </buckets>
                </hive-iot-device-api>
                """);
        // a jar of an older build left in the instance goes; HiveMQ would load it beside the new one
        final Path staleJar = instance.resolve("extensions/hive-iot-auth/hive-iot-auth-0.0.1.jar");
        Files.writeString(staleJar, "not a jar");
        assertEquals(143, broker.stop(), broker.output());
        final byte[] keystore = Files.readAllBytes(instance.resolve("tls/hive-iot.p12"));

        broker = start(home, ports, Map.of());
        broker.awaitListening(ports.mqtt, START_TIMEOUT);
        assertFalse(Files.exists(staleJar));
        assertTrue(Files.readString(deviceApiConfig).contains("<name>edited</name>"), "the edit must stay");
        assertTrue(
                java.util.Arrays.equals(keystore, Files.readAllBytes(instance.resolve("tls/hive-iot.p12"))),
                "the keys of the first start stay: clients keep trusting them");
        for (final String token : List.of(firstRun.get("device-token"), keptToken)) {
            final Mqtt5BlockingClient device = plainClient(ports.mqtt);
            assertEquals(
                    Mqtt5ConnAckReasonCode.SUCCESS,
                    device.connectWith()
                            .simpleAuth()
                            .username(token)
                            .applySimpleAuth()
                            .send()
                            .getReasonCode(),
                    "a device of the first run");
            device.disconnect();
        }
        final Shell.Result buckets =
                Shell.run("\"$CLI\" buckets list --json", cliEnvironment(home, ports), Duration.ofSeconds(60));
        assertEquals("edited", json(buckets.output()).at("/buckets/0/name").asText(), buckets.output());
        assertEquals(143, broker.stop(), broker.output());

        assertEquals(
                packaged,
                DistributionIT.files(BrokerProcess.distribution()),
                "the build's distribution must stay as packaged");
    }

    @Test
    void operatorsOwnKeystore_replacesTheGeneratedOne() throws Exception {
        final Path own = temp.resolve("own");
        Files.createDirectories(own);
        final Shell.Result made = Shell.run(
                "cd \"$OWN\" && keytool -genkeypair -alias own -keyalg RSA -keysize 2048 -validity 30 "
                        + "-dname CN=localhost -ext SAN=dns:localhost,ip:127.0.0.1 -keystore own.p12 -storetype PKCS12 "
                        + "-storepass own-secret && keytool -exportcert -alias own -keystore own.p12 -storepass own-secret "
                        + "-rfc > own.pem",
                Map.of("OWN", own.toString()),
                Duration.ofSeconds(60));
        assertEquals(0, made.exitCode(), made.output());
        final Ports ports = new Ports();
        final Path instance = temp.resolve("instance");
        final Map<String, String> variables = new HashMap<>(Map.of(
                "HIVE_IOT_INSTANCE",
                instance.toString(),
                "HIVE_IOT_TLS_KEYSTORE",
                own.resolve("own.p12").toString(),
                "HIVE_IOT_TLS_KEYSTORE_PASSWORD",
                "own-secret"));
        broker = start(temp.resolve("home"), ports, variables);
        broker.awaitListening(ports.mqtts, START_TIMEOUT);
        assertFalse(Files.exists(instance.resolve("tls")), "nothing generated");
        final Map<String, String> firstRun = FirstRun.read(instance.resolve("data"));
        final Shell.Result published = Shell.run(
                "mosquitto_pub --cafile \"$OWN/own.pem\" -h localhost -p " + ports.mqtts
                        + " -u \"$TOKEN\" -t v1/devices/me/telemetry -m '{\"own\":1}'",
                Map.of("TOKEN", firstRun.get("device-token"), "OWN", own.toString()),
                Duration.ofSeconds(30));
        assertEquals(0, published.exitCode(), published.output() + broker.output());
    }

    private BrokerProcess start(final Path home, final Ports ports, final Map<String, String> more) throws IOException {
        final Map<String, String> environment = new HashMap<>(Map.of(
                "HOME", home.toString(),
                "HIVE_IOT_MQTT_PORT", Integer.toString(ports.mqtt),
                "HIVE_IOT_WS_PORT", Integer.toString(ports.ws),
                "HIVE_IOT_MQTTS_PORT", Integer.toString(ports.mqtts),
                "HIVE_IOT_WSS_PORT", Integer.toString(ports.wss)));
        environment.putAll(more);
        final BrokerProcess started = BrokerProcess.start(
                BrokerProcess.distribution().resolve("bin/hive-iot-broker"),
                temp,
                temp.resolve("output-" + UUID.randomUUID()),
                environment);
        // HiveMQ opens the listeners one after the other
        for (final int port : new int[] {ports.mqtt, ports.ws, ports.mqtts, ports.wss}) {
            started.awaitListening(port, START_TIMEOUT);
        }
        return started;
    }

    private static Map<String, String> cliEnvironment(final Path home, final Ports ports) {
        return Map.of(
                "HOME",
                home.toString(),
                "HIVE_IOT_PORT",
                Integer.toString(ports.mqtt),
                "JAVA_HOME",
                System.getProperty("java.home"),
                "CLI",
                BrokerProcess.distribution().resolve("bin/hive-iot").toString());
    }

    private static JsonNode json(final String output) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(output);
    }

    private static X509Certificate serverCertificate(final Path instance) throws Exception {
        final KeyStore keyStore = KeyStore.getInstance("PKCS12");
        final char[] password = Files.readString(instance.resolve("tls/keystore-password"))
                .trim()
                .toCharArray();
        try (InputStream in = Files.newInputStream(instance.resolve("tls/hive-iot.p12"))) {
            keyStore.load(in, password);
        }
        return (X509Certificate) keyStore.getCertificate("hive-iot");
    }

    static String hostName() throws IOException, InterruptedException {
        return Shell.run("hostname", Map.of(), Duration.ofSeconds(10)).output().trim();
    }

    /** An MQTT 5 client that trusts only the given CA, over TLS or secure WebSocket. */
    static Mqtt5BlockingClient tlsClient(final Path caPem, final int port, final boolean webSocket) throws Exception {
        final KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            trusted.setCertificateEntry(
                    "hive-iot-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        final TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        final var builder = MqttClient.builder()
                .useMqttVersion5()
                .identifier("instance-it-" + UUID.randomUUID())
                .serverHost("localhost")
                .serverPort(port)
                .sslConfig()
                .trustManagerFactory(trust)
                .applySslConfig()
                .transportConfig()
                .mqttConnectTimeout(10, TimeUnit.SECONDS)
                .applyTransportConfig();
        return webSocket
                ? builder.webSocketConfig()
                        .serverPath("mqtt")
                        .applyWebSocketConfig()
                        .buildBlocking()
                : builder.buildBlocking();
    }

    private static Mqtt5BlockingClient plainClient(final int port) {
        return MqttClient.builder()
                .useMqttVersion5()
                .identifier("instance-it-" + UUID.randomUUID())
                .serverHost(BrokerProcess.LOOPBACK)
                .serverPort(port)
                .buildBlocking();
    }

    /** Four free loopback ports, kept for every start of one instance. */
    static final class Ports {
        final int mqtt = FreePort.next();
        final int ws = FreePort.next();
        final int mqtts = FreePort.next();
        final int wss = FreePort.next();
    }
}

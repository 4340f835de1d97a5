package io.hiveiot.cli;

import io.hiveiot.testkit.FreePort;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --tls, --cafile and --insecure against a broker's TLS listener with a self-signed certificate. */
class TlsConnectionTest {

    private static final String PASSWORD = "change-me";

    @TempDir
    static Path keys;

    private static final HiveMqBroker broker = HiveMqBroker.builder()
            .extensionZip(FleetBroker.zip("hive-iot.auth.zip"))
            .build();
    private static int tlsPort;

    @BeforeAll
    static void startABrokerWithATlsListener() throws Exception {
        final Path keystore = keys.resolve("broker.p12");
        keytool(
                "-genkeypair",
                "-alias",
                "broker",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=localhost",
                "-ext",
                "san=ip:127.0.0.1,dns:localhost",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD);
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "broker",
                "-keystore",
                keystore.toString(),
                "-storepass",
                PASSWORD,
                "-file",
                keys.resolve("ca.pem").toString());

        broker.prepareFolders();
        tlsPort = FreePort.next();
        // test-kit writes a plain TCP listener only; this test's broker gets a TLS listener beside it.
        Files.writeString(broker.dataFolder().resolveSibling("conf").resolve("config.xml"), """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>127.0.0.1</bind-address>
                        </tcp-listener>
                        <tls-tcp-listener>
                            <port>%d</port>
                            <bind-address>127.0.0.1</bind-address>
                            <tls>
                                <keystore>
                                    <path>%s</path>
                                    <password>%s</password>
                                    <private-key-password>%s</private-key-password>
                                </keystore>
                            </tls>
                        </tls-tcp-listener>
                    </listeners>
                    <persistence><mode>in-memory</mode></persistence>
                    <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                </hivemq>
                """.formatted(
                        broker.port(), tlsPort, keystore, PASSWORD, PASSWORD));
        broker.start();
    }

    @AfterAll
    static void stopTheBroker() throws Exception {
        broker.afterAll(null);
    }

    @Test
    void cafile_trustsTheBrokersCertificate() {
        final Cli.Result list = run("--tls", "--cafile", keys.resolve("ca.pem").toString());
        assertEquals(0, list.exitCode(), list::toString);
        assertTrue(list.out().contains("demo-device"), list::toString);
    }

    @Test
    void insecure_acceptsTheSelfSignedCertificate() {
        final Cli.Result list = run("--tls", "--insecure");
        assertEquals(0, list.exitCode(), list::toString);
    }

    @Test
    void anUntrustedCertificate_exits2_andPointsToCafile() {
        final Cli.Result refused = run("--tls");
        assertEquals(2, refused.exitCode(), refused::toString);
        assertTrue(refused.err().contains("TLS handshake"), refused::toString);
        assertTrue(refused.err().contains("--cafile"), refused::toString);
    }

    @Test
    void aMissingCaFile_exits64() {
        final Cli.Result missing =
                run("--tls", "--cafile", keys.resolve("nope.pem").toString());
        assertEquals(64, missing.exitCode(), missing::toString);
        assertTrue(missing.err().contains("cannot read the CA file"), missing::toString);
    }

    @Test
    void plainMqttToTheTlsPort_exits2_andSuggestsTls() {
        final Cli.Result plain = run("--timeout", "3s");
        assertEquals(2, plain.exitCode(), plain::toString);
        assertTrue(plain.err().contains("--tls"), plain::toString);
    }

    private static Cli.Result run(final String... options) {
        final Map<String, String> environment = new Cli(broker).environment();
        environment.put("HIVE_IOT_PORT", Integer.toString(tlsPort));
        final List<String> args = new java.util.ArrayList<>(List.of("devices", "list"));
        args.addAll(List.of(options));
        return Cli.run(environment, args.toArray(String[]::new));
    }

    private static void keytool(final String... args) throws Exception {
        final List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        final Process process =
                new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, "keytool failed: " + output);
    }
}

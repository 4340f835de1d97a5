package io.hiveiot.console.http;

import io.hiveiot.console.config.ConsoleConfig;
import io.hiveiot.console.health.HealthEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleServerTest {

    private static final String PASSWORD = "console-test";

    @TempDir
    Path temp;

    @Test
    void withKeystore_servesHttpsOnly_withStrictTransportSecurity() throws Exception {
        final Path keystore = temp.resolve("console.p12");
        final String keytoolPath =
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        final Process keytool = new ProcessBuilder(
                        keytoolPath,
                        "-genkeypair",
                        "-alias",
                        "console",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-validity",
                        "2",
                        "-dname",
                        "CN=127.0.0.1",
                        "-ext",
                        "SAN=ip:127.0.0.1",
                        "-keystore",
                        keystore.toString(),
                        "-storetype",
                        "PKCS12",
                        "-storepass",
                        PASSWORD)
                .redirectErrorStream(true)
                .start();
        assertTrue(
                keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0,
                new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        final var config = new ConsoleConfig(
                0,
                "127.0.0.1",
                2,
                8,
                Optional.of(new ConsoleConfig.Keystore(keystore, PASSWORD, "PKCS12")),
                Optional.empty(),
                "/mqtt");
        try (ConsoleServer server = start(config)) {
            final HttpResponse<String> response = HttpClient.newBuilder()
                    .sslContext(trusting(keystore))
                    .build()
                    .send(
                            HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/health"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertTrue(
                    response.headers().firstValue("Strict-Transport-Security").isPresent());
            assertThrows(
                    java.io.IOException.class,
                    () -> HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString()),
                    "no plain HTTP on an HTTPS port");
        }
    }

    @Test
    void hostHeaderThatIsNoHostName_isRefused() throws Exception {
        try (ConsoleServer server =
                        start(new ConsoleConfig(0, "127.0.0.1", 2, 8, Optional.empty(), Optional.empty(), "/mqtt"));
                Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream()
                    .write(("GET /health HTTP/1.1\r\nHost: evil.example; script-src *\r\n"
                                    + "Connection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            final String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
            assertTrue(!answer.contains("script-src *"), "the header never reaches the answer");
        }
    }

    @Test
    void close_releasesThePort() throws Exception {
        final ConsoleServer server =
                start(new ConsoleConfig(0, "127.0.0.1", 2, 8, Optional.empty(), Optional.empty(), "/mqtt"));
        final int port = server.port();
        server.close();
        try (ConsoleServer again =
                start(new ConsoleConfig(port, "127.0.0.1", 2, 8, Optional.empty(), Optional.empty(), "/mqtt"))) {
            assertEquals(port, again.port());
        }
    }

    private static ConsoleServer start(final ConsoleConfig config) throws Exception {
        return ConsoleServer.start(
                config,
                new WebSocketEndpoints(Optional.empty(), "/mqtt", Set::of),
                Map.of("/health", new HealthEndpoint(Clock.systemUTC())),
                ConsoleServerTest.class.getClassLoader());
    }

    private static SSLContext trusting(final Path keystore) throws Exception {
        final KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        final TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}

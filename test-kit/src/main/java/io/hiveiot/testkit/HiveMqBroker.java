package io.hiveiot.testkit;

import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A real HiveMQ CE broker for a test class: started once before the class, on a free loopback
 * port, with temporary config, data and extensions folders, and stopped after it.
 * <pre>{@code
 * @RegisterExtension
 * static final HiveMqBroker broker = HiveMqBroker.builder()
 *         .embeddedExtension("hive-iot-auth", 1000, AuthExtensionMain::new)
 *         .build();
 * }</pre>
 * Extensions come either in-process ({@link Builder#embeddedExtension}, at most one, as HiveMQ
 * allows) or as built zips unpacked into the extensions folder ({@link Builder#extensionZip}), which
 * HiveMQ then loads through its own isolated class loaders exactly as in production. Clients made
 * with {@link #mqtt5} / {@link #mqtt3} are disconnected after each test.
 */
public final class HiveMqBroker implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {

    /** The kit reads the installation's database from this property (winning over HIVE_IOT_DATABASE_URL). */
    private static final String INSTALLATION_DATABASE_PROPERTY = "hive-iot.database.url";

    private final String embeddedId;
    private final int embeddedPriority;
    private final Function<Path, ExtensionMain> embeddedMain;
    private final List<Path> zips;
    private final Map<String, String> extensionConfigs;
    private final boolean persistentSessions;
    private final List<Mqtt5BlockingClient> clients5 = new CopyOnWriteArrayList<>();
    private final List<Mqtt3BlockingClient> clients3 = new CopyOnWriteArrayList<>();

    private Path root;
    private int port;
    private String databaseUrl;
    private EmbeddedHiveMQ hivemq;

    private HiveMqBroker(final Builder builder) {
        this.embeddedId = builder.embeddedId;
        this.embeddedPriority = builder.embeddedPriority;
        this.embeddedMain = builder.embeddedMain;
        this.zips = List.copyOf(builder.zips);
        this.extensionConfigs = Map.copyOf(builder.extensionConfigs);
        this.persistentSessions = builder.persistentSessions;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(final ExtensionContext context) throws Exception {
        prepareFolders();
        start();
    }

    @Override
    public void afterEach(final ExtensionContext context) {
        disconnectClients();
    }

    @Override
    public void afterAll(final ExtensionContext context) throws Exception {
        disconnectClients();
        stop();
        deleteRecursively(root);
    }

    /** Prepares the folders without starting, for tests that start the broker themselves. */
    public void prepareFolders() throws IOException {
        if (root != null) {
            return;
        }
        root = Files.createTempDirectory("hive-iot-broker");
        port = FreePort.next();
        if (PostgresServer.selected()) {
            databaseUrl = PostgresServer.get().newDatabase();
        }
        Files.createDirectories(configFolder());
        Files.createDirectories(dataFolder());
        Files.createDirectories(extensionsFolder());
        Files.writeString(configFolder().resolve("config.xml"), brokerConfig(port));
        for (final Path zip : zips) {
            Zips.unzip(zip, extensionsFolder());
        }
        for (final Map.Entry<String, String> config : extensionConfigs.entrySet()) {
            writeExtensionConfig(config.getKey(), config.getValue());
        }
    }

    /**
     * Starts the broker; waits until it listens. In a PostgreSQL test run ({@link PostgresServer#selected()}) the
     * extensions keep their data in this broker's own database on the test server, as an installation does with
     * {@code HIVE_IOT_DATABASE_URL}.
     */
    public void start() throws Exception {
        prepareFolders();
        if (databaseUrl != null) {
            System.setProperty(INSTALLATION_DATABASE_PROPERTY, databaseUrl);
        }
        final var builder = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(configFolder())
                .withDataFolder(dataFolder())
                .withExtensionsFolder(extensionsFolder());
        if (embeddedMain != null) {
            final Path home = extensionHome(embeddedId);
            Files.createDirectories(home);
            builder.withEmbeddedExtension(EmbeddedExtension.builder()
                    .withId(embeddedId)
                    .withName(embeddedId)
                    .withVersion("test")
                    .withPriority(embeddedPriority)
                    .withStartPriority(embeddedPriority)
                    .withExtensionMain(embeddedMain.apply(home))
                    .build());
        }
        hivemq = builder.build();
        hivemq.start().get(60, TimeUnit.SECONDS);
    }

    /** Stops the broker, keeping its folders (and so every extension's database) for a restart. */
    public void stop() throws Exception {
        if (hivemq != null) {
            disconnectClients();
            hivemq.stop().get(60, TimeUnit.SECONDS);
            hivemq.close();
            hivemq = null;
        }
    }

    public void restart() throws Exception {
        stop();
        start();
    }

    public int port() {
        return port;
    }

    /** The database an extension keeps its data in on this broker, for tests that look at it directly. */
    public ExtensionDatabase database(final String name) {
        return databaseUrl != null
                ? ExtensionDatabase.postgres(databaseUrl, name)
                : ExtensionDatabase.sqlite(dataFolder().resolve("hive-iot").resolve(name + ".db"));
    }

    public Path dataFolder() {
        return root.resolve("data");
    }

    public Path extensionsFolder() {
        return root.resolve("extensions");
    }

    private Path configFolder() {
        return root.resolve("conf");
    }

    /**
     * The folder an extension reads {@code conf/config.xml} from: its folder in the extensions
     * folder, or for the in-process extension a folder of its own outside it.
     */
    public Path extensionHome(final String extensionId) {
        return extensionId.equals(embeddedId)
                ? root.resolve("embedded").resolve(extensionId)
                : extensionsFolder().resolve(extensionId);
    }

    /** Replaces an extension's {@code conf/config.xml}; takes effect at the next start. */
    public void writeExtensionConfig(final String extensionId, final String xml) throws IOException {
        final Path conf = extensionHome(extensionId).resolve("conf");
        Files.createDirectories(conf);
        Files.writeString(conf.resolve("config.xml"), xml);
    }

    /** The broker's metrics, where every extension registers its own. */
    public com.codahale.metrics.MetricRegistry metrics() {
        return hivemq.getMetricRegistry();
    }

    /** An MQTT 5 client for this broker, not yet connected; disconnected after the test. */
    public Mqtt5BlockingClient mqtt5(final String clientId) {
        final Mqtt5BlockingClient client = Mqtt5Client.builder()
                .identifier(clientId)
                .serverHost("127.0.0.1")
                .serverPort(port)
                .buildBlocking();
        clients5.add(client);
        return client;
    }

    /**
     * An MQTT 5 client connected with a session that outlives the connection (clean start off, an hour's expiry),
     * authenticated with {@code username} alone, as a ThingsBoard device with its token; disconnected after the test.
     */
    public Mqtt5BlockingClient persistentSession(final String clientId, final String username) {
        final Mqtt5BlockingClient client = mqtt5(clientId);
        client.connectWith()
                .cleanStart(false)
                .sessionExpiryInterval(3600)
                .simpleAuth()
                .username(username)
                .applySimpleAuth()
                .send();
        return client;
    }

    /** An MQTT 3.1.1 client for this broker, not yet connected; disconnected after the test. */
    public Mqtt3BlockingClient mqtt3(final String clientId) {
        final Mqtt3BlockingClient client = Mqtt3Client.builder()
                .identifier(clientId)
                .serverHost("127.0.0.1")
                .serverPort(port)
                .buildBlocking();
        clients3.add(client);
        return client;
    }

    private void disconnectClients() {
        clients5.forEach(client -> disconnectQuietly(client.getState().isConnected(), client::disconnect));
        clients3.forEach(client -> disconnectQuietly(client.getState().isConnected(), client::disconnect));
        clients5.clear();
        clients3.clear();
    }

    private static void disconnectQuietly(final boolean connected, final Runnable disconnect) {
        if (connected) {
            try {
                disconnect.run();
            } catch (final RuntimeException ignored) {
                // the broker may have closed it already
            }
        }
    }

    private String brokerConfig(final int port) {
        return """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>127.0.0.1</bind-address>
                        </tcp-listener>
                    </listeners>
                    <persistence>
                        <mode>%s</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, persistentSessions ? "file" : "in-memory");
    }

    private static void deleteRecursively(final Path folder) throws IOException {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (final UncheckedIOException e) {
            throw e.getCause();
        }
    }

    public static final class Builder {

        private String embeddedId;
        private int embeddedPriority;
        private Function<Path, ExtensionMain> embeddedMain;
        private final List<Path> zips = new ArrayList<>();
        private final Map<String, String> extensionConfigs = new LinkedHashMap<>();
        private boolean persistentSessions;

        private Builder() {}

        /**
         * Keeps sessions, their subscriptions and queued messages in the data folder (HiveMQ's file persistence),
         * so that they survive {@link #restart()}; by default they are kept in memory, which starts faster.
         */
        public Builder persistentSessions() {
            this.persistentSessions = true;
            return this;
        }

        /**
         * Runs an extension in the test's own class loader.
         *
         * @param main makes a fresh extension for every start, given the folder it reads
         *             {@code conf/config.xml} from
         */
        public Builder embeddedExtension(
                final String id, final int priority, final Function<Path, ExtensionMain> main) {
            if (embeddedMain != null) {
                throw new IllegalStateException(
                        "HiveMQ runs at most one embedded extension; use extensionZip for more");
            }
            this.embeddedId = id;
            this.embeddedPriority = priority;
            this.embeddedMain = main;
            return this;
        }

        /** Unpacks a built extension zip into the extensions folder. */
        public Builder extensionZip(final Path zip) {
            if (!Files.isRegularFile(zip)) {
                throw new IllegalArgumentException(zip + " does not exist: run `mvn package` first");
            }
            zips.add(zip);
            return this;
        }

        /** The extension's {@code conf/config.xml} for the first start. */
        public Builder extensionConfig(final String extensionId, final String xml) {
            extensionConfigs.put(extensionId, xml);
            return this;
        }

        public HiveMqBroker build() {
            return new HiveMqBroker(this);
        }
    }
}

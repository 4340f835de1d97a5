package io.hiveiot.console;

import com.hivemq.extension.sdk.api.client.parameter.ServerInformation;
import com.hivemq.extension.sdk.api.services.Services;
import io.hiveiot.console.config.ConsoleConfig;
import io.hiveiot.console.config.ConsoleConfigReader;
import io.hiveiot.console.health.HealthEndpoint;
import io.hiveiot.console.health.ReadyEndpoint;
import io.hiveiot.console.http.ConsoleServer;
import io.hiveiot.console.http.WebSocketEndpoints;
import io.hiveiot.console.metrics.MetricsEndpoint;
import io.hiveiot.kit.config.ConfigException;
import io.hiveiot.kit.lifecycle.ExtensionLifecycle;
import io.hiveiot.kit.lifecycle.Startup;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;

/**
 * Wires hive-iot-console: reads the config and opens the console's port with {@code /metrics}, {@code /health},
 * {@code /ready} and the page. It registers nothing in the broker: the page talks to the broker as an application,
 * over MQTT over WebSocket. A port that cannot be served (in use, or an unreadable keystore) stops the start like a
 * configuration error, with one line naming it.
 */
public final class ConsoleExtensionMain extends ExtensionLifecycle {

    static final String ID = "hive-iot-console";

    public ConsoleExtensionMain() {
        super(ID, "hive-iot.console.", null);
    }

    @Override
    protected String start(final Startup startup) throws ConfigException {
        final ServerInformation broker = Services.adminService().getServerInformation();
        final ConsoleConfig config = ConsoleConfigReader.read(
                startup.configFile(), broker.getHomeFolder().toPath());
        final var webSockets =
                new WebSocketEndpoints(config.websocketUrl(), config.websocketPath(), broker::getListener);
        final ConsoleServer server;
        try {
            server = startup.keep(ConsoleServer.start(
                    config,
                    webSockets,
                    Map.of(
                            "/metrics", new MetricsEndpoint(startup.metrics()),
                            "/health", new HealthEndpoint(Clock.systemUTC()),
                            "/ready",
                                    new ReadyEndpoint(
                                            broker.getExtensionsFolder().toPath(), ID, startup.metrics())),
                    ConsoleExtensionMain.class.getClassLoader()));
        } catch (final IOException e) {
            throw new ConfigException(startup.configFile(), 0, 0, "cannot serve HTTP: " + e.getMessage());
        }
        return "on " + (config.tls().isPresent() ? "https" : "http") + "://" + config.bindAddress() + ":"
                + server.port() + "/console/ (and /metrics, /health, /ready)";
    }
}

package io.hiveiot.console;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.client.parameter.ServerInformation;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import io.hiveiot.console.config.ConsoleConfig;
import io.hiveiot.console.config.ConsoleConfigReader;
import io.hiveiot.console.health.HealthEndpoint;
import io.hiveiot.console.health.ReadyEndpoint;
import io.hiveiot.console.http.ConsoleServer;
import io.hiveiot.console.http.WebSocketEndpoints;
import io.hiveiot.console.metrics.MetricsEndpoint;
import io.hiveiot.kit.config.ConfigException;
import io.hiveiot.kit.config.ExtensionFolders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;

/**
 * Wires hive-iot-console: reads the config and opens the console's port with {@code /metrics}, {@code /health},
 * {@code /ready} and the page. It registers nothing in the broker: the page talks to the broker as an application,
 * over MQTT over WebSocket. Any start problem (a config error, a port in use, an unreadable keystore) is one ERROR
 * line and {@code preventExtensionStartup}.
 */
public final class ConsoleExtensionMain implements ExtensionMain {

    static final String ID = "hive-iot-console";
    private static final Logger log = LoggerFactory.getLogger(ConsoleExtensionMain.class);

    private ConsoleServer server;

    @Override
    public void extensionStart(final ExtensionStartInput input, final ExtensionStartOutput output) {
        final ServerInformation broker = input.getServerInformation();
        try {
            final ConsoleConfig config = ConsoleConfigReader.read(ExtensionFolders.configFile(input, null),
                    broker.getHomeFolder().toPath());
            final var webSockets = new WebSocketEndpoints(config.websocketUrl(), config.websocketPath(),
                    broker::getListener);
            server = ConsoleServer.start(config, webSockets, Map.of(
                    "/metrics", new MetricsEndpoint(Services.metricRegistry()),
                    "/health", new HealthEndpoint(Clock.systemUTC()),
                    "/ready", new ReadyEndpoint(broker.getExtensionsFolder().toPath(), ID,
                            Services.metricRegistry())),
                    input.getExtensionInformation().getVersion(), ConsoleExtensionMain.class.getClassLoader());
            log.info("hive-iot-console: {}://{}:{}/console/ (and /metrics, /health, /ready)",
                    config.tls().isPresent() ? "https" : "http", config.bindAddress(), server.port());
        } catch (final ConfigException e) {
            fail(output, e.getMessage());
        } catch (final IOException e) {
            fail(output, "cannot serve HTTP: " + e.getMessage());
        } catch (final RuntimeException e) {
            log.error("hive-iot-console: start failed", e);
            fail(output, "start failed: " + e);
        }
    }

    private void fail(final ExtensionStartOutput output, final String problem) {
        log.error("hive-iot-console: not started: {}", problem);
        output.preventExtensionStartup(problem);
        stopServer();
    }

    @Override
    public void extensionStop(final ExtensionStopInput input, final ExtensionStopOutput output) {
        stopServer();
    }

    private void stopServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}

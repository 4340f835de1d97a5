package io.hiveiot.console.config;

import io.hiveiot.kit.config.ConfigElement;
import io.hiveiot.kit.config.ConfigException;
import io.hiveiot.kit.config.StrictXmlReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Reads {@code conf/config.xml} strictly against the XSD bundled in this extension's jar. The port and bind address
 * the file leaves out come from {@code HIVE_IOT_HTTP_PORT} and {@code HIVE_IOT_BIND_ADDRESS} (a system property
 * first, then the environment, as HiveMQ resolves its own config), so the console follows the distribution's
 * listener settings.
 */
public final class ConsoleConfigReader {

    public static final String PORT_VARIABLE = "HIVE_IOT_HTTP_PORT";
    public static final String BIND_ADDRESS_VARIABLE = "HIVE_IOT_BIND_ADDRESS";

    private static final StrictXmlReader XML = new StrictXmlReader(ConsoleConfigReader.class.getResource("config.xsd"));

    private ConsoleConfigReader() {}

    /**
     * @param file       the config file; the defaults when it does not exist
     * @param homeFolder the broker's home folder, against which a relative keystore path is resolved
     */
    public static ConsoleConfig read(final Path file, final Path homeFolder) throws ConfigException {
        return read(file, homeFolder, ConsoleConfigReader::variable);
    }

    static ConsoleConfig read(final Path file, final Path homeFolder, final UnaryOperator<String> variables)
            throws ConfigException {
        final int defaultPort = portFromVariable(file, variables.apply(PORT_VARIABLE));
        final String defaultBindAddress = Optional.ofNullable(variables.apply(BIND_ADDRESS_VARIABLE))
                .filter(value -> !value.isBlank())
                .orElse(ConsoleConfig.DEFAULT_BIND_ADDRESS);
        if (!Files.exists(file)) {
            return new ConsoleConfig(
                    defaultPort,
                    defaultBindAddress,
                    ConsoleConfig.DEFAULT_THREADS,
                    ConsoleConfig.DEFAULT_QUEUE_SIZE,
                    Optional.empty(),
                    Optional.empty(),
                    ConsoleConfig.DEFAULT_WEBSOCKET_PATH);
        }
        final ConfigElement root = XML.read(file);
        final ConfigElement http = root.childOrEmpty("http");
        return new ConsoleConfig(
                http.childInt("port", defaultPort),
                http.childText("bind-address").orElse(defaultBindAddress),
                http.childInt("threads", ConsoleConfig.DEFAULT_THREADS),
                http.childInt("queue-size", ConsoleConfig.DEFAULT_QUEUE_SIZE),
                keystore(root, homeFolder),
                root.childText("websocket-url"),
                root.childText("websocket-path").orElse(ConsoleConfig.DEFAULT_WEBSOCKET_PATH));
    }

    private static Optional<ConsoleConfig.Keystore> keystore(final ConfigElement root, final Path homeFolder)
            throws ConfigException {
        final Optional<ConfigElement> keystore = root.child("tls").flatMap(tls -> tls.child("keystore"));
        if (keystore.isEmpty()) {
            return Optional.empty();
        }
        final ConfigElement element = keystore.get();
        final Path path =
                homeFolder.resolve(element.childText("path").orElseThrow()).toAbsolutePath();
        if (!Files.isReadable(path)) {
            throw element.problem("keystore " + path + " does not exist or is not readable");
        }
        return Optional.of(new ConsoleConfig.Keystore(
                path,
                element.childText("password").orElse(""),
                element.childText("type").orElse("PKCS12")));
    }

    private static int portFromVariable(final Path file, final String value) throws ConfigException {
        if (value == null || value.isBlank()) {
            return ConsoleConfig.DEFAULT_PORT;
        }
        try {
            final int port = Integer.parseInt(value.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (final NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(file, 0, 0, PORT_VARIABLE + "='" + value + "' is not a port (1 to 65535)");
    }

    private static String variable(final String name) {
        final String property = System.getProperty(name);
        return property != null ? property : System.getenv(name);
    }
}

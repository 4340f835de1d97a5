package io.hiveiot.console.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * hive-iot-console's configuration, read from {@code conf/config.xml} (see the extension's README).
 *
 * @param port          the HTTP(S) port
 * @param bindAddress   the address the port is bound to
 * @param threads       threads answering requests
 * @param queueSize     requests waiting for a thread
 * @param tls           HTTPS with this keystore; empty for plain HTTP
 * @param websocketUrl  where the page connects; empty for the broker's own WebSocket listener
 * @param websocketPath the path of the broker's WebSocket listener
 */
public record ConsoleConfig(
        int port,
        String bindAddress,
        int threads,
        int queueSize,
        Optional<Keystore> tls,
        Optional<String> websocketUrl,
        String websocketPath) {

    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_THREADS = 4;
    public static final int DEFAULT_QUEUE_SIZE = 64;
    public static final String DEFAULT_WEBSOCKET_PATH = "/mqtt";

    /**
     * @param path     the keystore file, absolute
     * @param password the password of the store and of its key
     * @param type     {@code PKCS12} or {@code JKS}
     */
    public record Keystore(Path path, String password, String type) {

        @Override
        public String toString() {
            return "Keystore[" + path + ", " + type + "]";
        }
    }
}

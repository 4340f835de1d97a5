package io.hiveiot.console.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.hiveiot.console.config.ConsoleConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The console's one port (JDK's built-in HTTP server, HTTPS with a keystore): the given routes, the page under
 * {@code /console/}, and {@code /} leading there. Every answer carries the security headers; only GET and HEAD are
 * served. Its threads are its own, stopped with it.
 */
public final class ConsoleServer implements AutoCloseable {

    static final String WEBSOCKET_URLS = "hive-iot.websocket-urls";
    private static final Logger log = LoggerFactory.getLogger(ConsoleServer.class);
    /** Seconds a stop waits for exchanges in progress. */
    private static final int STOP_DELAY = 1;

    private final HttpServer server;
    private final ThreadPoolExecutor executor;

    private ConsoleServer(final HttpServer server, final ThreadPoolExecutor executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds the port and starts serving.
     *
     * @param routes    further handlers by path prefix, e.g. {@code /metrics}
     * @param pageFiles the class loader holding the page's files under {@code console/}
     * @throws IOException when the port cannot be bound or the keystore not read
     */
    public static ConsoleServer start(
            final ConsoleConfig config,
            final WebSocketEndpoints webSockets,
            final Map<String, HttpHandler> routes,
            final ClassLoader pageFiles)
            throws IOException {
        final var address = new InetSocketAddress(config.bindAddress(), config.port());
        final HttpServer server;
        try {
            if (config.tls().isPresent()) {
                final HttpsServer https = HttpsServer.create(address, 0);
                https.setHttpsConfigurator(
                        new HttpsConfigurator(sslContext(config.tls().get())));
                server = https;
            } else {
                server = HttpServer.create(address, 0);
            }
        } catch (final BindException e) {
            throw new IOException(
                    config.bindAddress() + ":" + config.port() + ": " + e.getMessage()
                            + " (another process holds the port? set HIVE_IOT_HTTP_PORT or <http><port>)",
                    e);
        }
        final boolean secure = config.tls().isPresent();
        final ThreadPoolExecutor executor =
                BoundedExecutor.create("hive-iot-console-http", config.threads(), config.queueSize());
        server.setExecutor(executor);
        routes.forEach((path, handler) -> server.createContext(path, guarded(handler, webSockets, secure)));
        server.createContext("/console/config.json", guarded(new PageSettings(webSockets), webSockets, secure));
        server.createContext("/console/", guarded(new StaticFiles(pageFiles), webSockets, secure));
        server.createContext("/", guarded(ConsoleServer::toConsole, webSockets, secure));
        server.start();
        return new ConsoleServer(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting, lets exchanges in progress finish briefly, and ends the threads. */
    @Override
    public void close() {
        server.stop(STOP_DELAY);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(STOP_DELAY, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (final InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static void toConsole(final HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals("/")) {
            Reply.text(exchange, 404, "not found\n");
            return;
        }
        exchange.getResponseHeaders().set("Location", "/console/");
        Reply.text(exchange, 302, "/console/\n");
    }

    private static HttpHandler guarded(
            final HttpHandler handler, final WebSocketEndpoints webSockets, final boolean secure) {
        return exchange -> {
            try {
                final Optional<String> host =
                        RequestHost.of(exchange.getRequestHeaders().getFirst("Host"));
                final List<String> urls =
                        host.map(name -> webSockets.urls(name, secure)).orElse(List.of());
                exchange.setAttribute(WEBSOCKET_URLS, urls);
                SecurityHeaders.apply(exchange.getResponseHeaders(), urls, secure);
                final String method = exchange.getRequestMethod();
                if (host.isEmpty()) {
                    Reply.text(exchange, 400, "bad Host header\n");
                } else if (!method.equals("GET") && !method.equals("HEAD")) {
                    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                    Reply.text(exchange, 405, "method not allowed\n");
                } else {
                    handler.handle(exchange);
                }
            } catch (final IOException e) {
                log.debug(
                        "hive-iot-console: {} {}: {}",
                        exchange.getRequestMethod(),
                        exchange.getRequestURI(),
                        e.toString());
            } catch (final RuntimeException e) {
                log.warn("hive-iot-console: {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                sendError(exchange);
            } finally {
                exchange.close();
            }
        };
    }

    private static void sendError(final HttpExchange exchange) {
        try {
            Reply.text(exchange, 500, "internal error\n");
        } catch (final IOException | RuntimeException ignored) {
            // headers were sent already: the client sees a cut answer
        }
    }

    private static SSLContext sslContext(final ConsoleConfig.Keystore keystore) throws IOException {
        try (InputStream in = Files.newInputStream(keystore.path())) {
            final KeyStore store = KeyStore.getInstance(keystore.type());
            store.load(in, keystore.password().toCharArray());
            final KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, keystore.password().toCharArray());
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (final GeneralSecurityException e) {
            throw new IOException("keystore " + keystore.path() + ": " + e.getMessage(), e);
        }
    }
}

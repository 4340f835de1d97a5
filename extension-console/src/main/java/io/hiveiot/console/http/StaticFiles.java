package io.hiveiot.console.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The console page's files from this extension's jar ({@code console/} on its class path), kept in memory once
 * read. Browsers revalidate them on every load ({@code no-cache}) and get 304 while the ETag matches, so a new
 * release is picked up at once and an unchanged page costs no transfer.
 */
final class StaticFiles implements HttpHandler {

    private static final String ROOT = "console/";
    private static final Pattern SAFE_PATH = Pattern.compile("^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*(\\.[A-Za-z0-9]+)+$");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");

    private record File(byte[] bytes, String type, String etag) {}

    private final ClassLoader classLoader;
    /** Only files that exist: names asked for in vain are not remembered, so requests cannot grow it. */
    private final Map<String, File> cache = new ConcurrentHashMap<>();

    StaticFiles(final ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public void handle(final HttpExchange exchange) throws IOException {
        final String path = exchange.getRequestURI().getPath();
        final String relative = path.equals("/console/") ? "index.html" : path.substring("/console/".length());
        final Optional<File> file = SAFE_PATH.matcher(relative).matches()
                ? Optional.ofNullable(
                        cache.computeIfAbsent(relative, name -> load(name).orElse(null)))
                : Optional.empty();
        if (file.isEmpty()) {
            Reply.text(exchange, 404, "not found\n");
            return;
        }
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.getResponseHeaders().set("ETag", file.get().etag());
        final String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
        final int status = file.get().etag().equals(ifNoneMatch) ? 304 : 200;
        Reply.bytes(exchange, status, file.get().type(), file.get().bytes());
    }

    private Optional<File> load(final String relative) {
        final String extension = relative.substring(relative.lastIndexOf('.') + 1);
        final String type = TYPES.get(extension);
        if (type == null) {
            return Optional.empty();
        }
        try (InputStream in = classLoader.getResourceAsStream(ROOT + relative)) {
            if (in == null) {
                return Optional.empty();
            }
            final byte[] bytes = in.readAllBytes();
            return Optional.of(new File(
                    bytes,
                    type,
                    "\""
                            + HexFormat.of()
                                    .formatHex(
                                            MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16) + "\""));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}

package io.hiveiot.console.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writing a whole response at once, with its length, as every console answer is small. */
public final class Reply {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Reply() {}

    public static void json(final HttpExchange exchange, final int status, final JsonNode body) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        bytes(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }

    public static void text(final HttpExchange exchange, final int status, final String body) throws IOException {
        bytes(exchange, status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    public static void bytes(final HttpExchange exchange, final int status, final String contentType, final byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        final boolean head = "HEAD".equals(exchange.getRequestMethod());
        // -1: no body (HEAD, 304); otherwise the exact length, so the connection can be kept alive.
        exchange.sendResponseHeaders(status, head || status == 304 ? -1 : body.length);
        if (!head && status != 304) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    public static ObjectMapper mapper() {
        return JSON;
    }
}

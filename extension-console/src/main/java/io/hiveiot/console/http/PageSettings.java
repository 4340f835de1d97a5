package io.hiveiot.console.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.util.List;

/**
 * {@code /console/config.json}: what the page needs before it can log in, namely where the broker's WebSocket
 * listener is. Nothing secret: the page learns everything else from the broker, as the logged-in application.
 */
final class PageSettings implements HttpHandler {

    private final WebSocketEndpoints endpoints;

    PageSettings(final WebSocketEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public void handle(final HttpExchange exchange) throws IOException {
        final ObjectNode body = Reply.mapper().createObjectNode();
        final var urls = body.putArray("websocketUrls");
        webSocketUrls(exchange).forEach(urls::add);
        endpoints.mqttPort().ifPresent(port -> body.put("mqttPort", port));
        Reply.json(exchange, 200, body);
    }

    @SuppressWarnings("unchecked")
    static List<String> webSocketUrls(final HttpExchange exchange) {
        return (List<String>) exchange.getAttribute(ConsoleServer.WEBSOCKET_URLS);
    }
}

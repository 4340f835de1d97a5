package io.hiveiot.console.health;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.hiveiot.console.http.Reply;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code /ready}, the readiness check for a load balancer or an orchestrator: 200 when every hive-iot extension
 * installed in the broker's extensions folder is started and its database writable, else 503, with each
 * extension's state in the body.
 */
public final class ReadyEndpoint implements HttpHandler {

    private final InstalledExtensions extensions;

    public ReadyEndpoint(final Path extensionsFolder, final String ownId, final MetricRegistry registry) {
        this.extensions = new InstalledExtensions(extensionsFolder, ownId, registry);
    }

    @Override
    public void handle(final HttpExchange exchange) throws IOException {
        final List<ExtensionState> states = extensions.states();
        final boolean ready = states.stream().allMatch(ExtensionState::ready);
        final ObjectNode body = Reply.mapper().createObjectNode().put("status", ready ? "UP" : "DOWN");
        final ArrayNode list = body.putArray("extensions");
        for (final ExtensionState state : states) {
            final ObjectNode item = list.addObject().put("id", state.id()).put("ready", state.ready());
            if (!state.ready()) {
                item.put("reason", state.reason());
            }
        }
        Reply.json(exchange, ready ? 200 : 503, body);
    }
}

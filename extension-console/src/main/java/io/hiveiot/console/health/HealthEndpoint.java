package io.hiveiot.console.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.hiveiot.console.http.Reply;

import java.io.IOException;
import java.time.Clock;

/**
 * {@code /health}, the liveness check: the broker process answers on the console's port. It says nothing about the
 * extensions (that is {@code /ready}), so a supervisor restarts the broker only when it stopped answering at all.
 */
public final class HealthEndpoint implements HttpHandler {

    private final Clock clock;
    private final long startedAt;

    public HealthEndpoint(final Clock clock) {
        this.clock = clock;
        this.startedAt = clock.millis();
    }

    @Override
    public void handle(final HttpExchange exchange) throws IOException {
        Reply.json(
                exchange,
                200,
                Reply.mapper().createObjectNode().put("status", "UP").put("uptimeMs", clock.millis() - startedAt));
    }
}

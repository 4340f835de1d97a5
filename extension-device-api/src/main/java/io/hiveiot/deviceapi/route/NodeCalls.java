package io.hiveiot.deviceapi.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.kit.api.ApiException;
import io.hiveiot.kit.database.Notifications;
import io.hiveiot.kit.publish.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Calls from one broker node to another through the database's notifications: an op with JSON arguments goes to
 * the named node, which runs its handler for the op and sends the JSON result back, or the error as an
 * {@link ApiException}'s code and message. Every node hears every message and keeps those addressed to it. A call
 * whose answer does not come in time fails with {@code unavailable} (the node stopped, or the database is
 * unreachable); a call told with {@link #tell} gets no answer.
 */
public final class NodeCalls implements Notifications.Listener {

    /** Runs an op on this node for another node. */
    public interface Handler {
        CompletableFuture<JsonNode> handle(JsonNode args);
    }

    private static final Logger log = LoggerFactory.getLogger(NodeCalls.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHANNEL = "node_calls";

    private final Notifications notifications;
    private final ScheduledExecutorService timer;
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    public NodeCalls(final Notifications notifications, final ScheduledExecutorService timer) {
        this.notifications = notifications;
        this.timer = timer;
        notifications.subscribe(CHANNEL, this);
    }

    /** What this node does when another node calls {@code op}. */
    public void handle(final String op, final Handler handler) {
        handlers.put(op, handler);
    }

    /** Runs {@code op} on {@code node}; completes with its result, or fails with its {@link ApiException}. */
    public CompletableFuture<JsonNode> call(
            final int node, final String op, final ObjectNode args, final Duration timeout) {
        final long id = ids.incrementAndGet();
        final var answer = new CompletableFuture<JsonNode>();
        waiting.put(id, answer);
        final ScheduledFuture<?> expiry = timer.schedule(
                () -> {
                    if (waiting.remove(id) != null) {
                        answer.completeExceptionally(new ApiException(
                                ApiException.UNAVAILABLE,
                                "the broker node that holds the device did not answer in time"));
                    }
                },
                timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        answer.whenComplete((result, failure) -> expiry.cancel(false));
        send(message(node, op, args).put("call", id)).whenComplete((sent, failure) -> {
            if (failure != null && waiting.remove(id) != null) {
                answer.completeExceptionally(new ApiException(
                        ApiException.UNAVAILABLE,
                        "the call could not be handed to the broker node that holds the device"));
            }
        });
        return answer;
    }

    /** Runs {@code op} on {@code node} without waiting for it. */
    public void tell(final int node, final String op, final ObjectNode args) {
        send(message(node, op, args)).whenComplete((sent, failure) -> {
            if (failure != null) {
                log.warn("hive-iot-device-api: {} not handed to broker node {}: {}", op, node, failure.toString());
            }
        });
    }

    @Override
    public void message(final String payload) {
        final JsonNode message;
        try {
            message = JSON.readTree(payload);
        } catch (final IOException e) {
            log.warn("hive-iot-device-api: unreadable call from another node: {}", e.getMessage());
            return;
        }
        if (message.path("to").asInt() != notifications.node()) {
            return;
        }
        if (message.has("answer")) {
            answered(message);
        } else {
            run(message);
        }
    }

    private void run(final JsonNode call) {
        final String op = call.path("op").asText();
        final Handler handler = handlers.get(op);
        CompletableFuture<JsonNode> result;
        if (handler == null) {
            result = CompletableFuture.failedFuture(new ApiException(
                    ApiException.INTERNAL, "the broker node that holds the device does not know " + op));
        } else {
            try {
                result = handler.handle(call.path("args"));
            } catch (final RuntimeException e) {
                result = CompletableFuture.failedFuture(e);
            }
        }
        if (!call.has("call")) {
            return;
        }
        final int caller = call.path("from").asInt();
        final long id = call.path("call").asLong();
        result.whenComplete((value, failure) -> {
            final ObjectNode answer = JSON.createObjectNode().put("to", caller).put("answer", id);
            if (failure == null) {
                answer.put("ok", true).set("result", value);
            } else {
                final Throwable cause = Failures.cause(failure);
                final ApiException error = cause instanceof ApiException api
                        ? api
                        : new ApiException(ApiException.INTERNAL, String.valueOf(cause.getMessage()));
                answer.put("ok", false).put("code", error.code()).put("message", error.getMessage());
            }
            send(answer).whenComplete((sent, sendFailure) -> {
                if (sendFailure != null) {
                    log.warn(
                            "hive-iot-device-api: the answer to broker node {} was not sent: {}",
                            caller,
                            sendFailure.toString());
                }
            });
        });
    }

    private void answered(final JsonNode answer) {
        final CompletableFuture<JsonNode> waiter =
                waiting.remove(answer.path("answer").asLong());
        if (waiter == null) {
            return;
        }
        if (answer.path("ok").asBoolean()) {
            waiter.complete(answer.path("result"));
        } else {
            waiter.completeExceptionally(new ApiException(
                    answer.path("code").asText(ApiException.INTERNAL),
                    answer.path("message").asText()));
        }
    }

    private ObjectNode message(final int node, final String op, final ObjectNode args) {
        final ObjectNode message = JSON.createObjectNode()
                .put("to", node)
                .put("from", notifications.node())
                .put("op", op);
        message.set("args", args);
        return message;
    }

    private CompletableFuture<Void> send(final ObjectNode message) {
        return notifications.send(CHANNEL, message.toString());
    }
}

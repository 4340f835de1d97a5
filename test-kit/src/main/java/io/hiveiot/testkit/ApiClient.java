package io.hiveiot.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application side of the application API for tests: publishes {@code {"op":..,"args":{..}}} to
 * {@code users/<account>/api/<service>/request/<id>} and waits for the answer on the matching
 * response topic. It deliberately does not subscribe to responses: the broker must deliver answers
 * to the requester regardless.
 */
public final class ApiClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger IDS = new AtomicInteger();

    private final Mqtt5BlockingClient client;
    private final String account;
    private final Mqtt5BlockingClient.Mqtt5Publishes publishes;

    /** @param client a connected application client */
    public ApiClient(final Mqtt5BlockingClient client, final String account) {
        this.client = client;
        this.account = account;
        this.publishes = client.publishes(MqttGlobalPublishFilter.ALL);
    }

    public static ObjectNode args() {
        return JSON.createObjectNode();
    }

    /** The whole answer, {@code {"ok":..,"result"|"error":..}}. */
    public JsonNode call(final String service, final String op, final ObjectNode args) {
        return call(service, op, args, "t" + IDS.incrementAndGet());
    }

    public JsonNode call(final String service, final String op, final ObjectNode args, final String requestId) {
        send(service, op, args, requestId);
        return awaitAnswer(service, requestId, 10)
                .orElseThrow(() -> new AssertionError("no answer to " + service + " " + op + " within 10 s"));
    }

    /** The result of an op that must succeed. */
    public JsonNode result(final String service, final String op, final ObjectNode args) {
        final JsonNode answer = call(service, op, args);
        if (!answer.path("ok").asBoolean()) {
            throw new AssertionError(op + " failed: " + answer);
        }
        return answer.get("result");
    }

    /** The error code of an op that must fail. */
    public String errorCode(final String service, final String op, final ObjectNode args) {
        final JsonNode answer = call(service, op, args);
        if (answer.path("ok").asBoolean()) {
            throw new AssertionError(op + " succeeded but must fail: " + answer);
        }
        return answer.path("error").path("code").asText();
    }

    public void send(final String service, final String op, final ObjectNode args, final String requestId) {
        final ObjectNode request = JSON.createObjectNode().put("op", op);
        request.set("args", args);
        client.publishWith()
                .topic("users/" + account + "/api/" + service + "/request/" + requestId)
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(bytes(request))
                .send();
    }

    /** The next answer to {@code requestId}, skipping other messages; empty after the timeout. */
    public Optional<JsonNode> awaitAnswer(final String service, final String requestId, final int seconds) {
        final String topic = "users/" + account + "/api/" + service + "/response/" + requestId;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try {
            while (System.nanoTime() < deadline) {
                final Optional<Mqtt5Publish> publish =
                        publishes.receive(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (publish.isPresent() && publish.get().getTopic().toString().equals(topic)) {
                    return Optional.of(JSON.readTree(publish.get().getPayloadAsBytes()));
                }
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.empty();
    }

    private static byte[] bytes(final JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        publishes.close();
    }
}

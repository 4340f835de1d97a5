package io.hiveiot.cli.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import io.hiveiot.cli.output.Json;
import io.hiveiot.cli.time.DurationText;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One application connection to the broker and the request/response API over it:
 * {@code {"op":..,"args":..}} to {@code users/<account>/api/<service>/request/<id>}, the answer
 * taken from {@code .../response/<id>}. It does not subscribe to responses: the services deliver
 * them to the requester regardless; the MQTT 5 response topic and correlation data are set as well.
 */
public final class ApiSession implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final Mqtt5AsyncClient client;
    private final ConnectionSettings settings;
    private final String requestPrefix = randomText(6);
    private final AtomicLong requestIds = new AtomicLong();
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private ApiSession(final Mqtt5ClientBuilder builder, final ConnectionSettings settings) {
        this.settings = settings;
        this.client = builder.addDisconnectedListener(context -> failPending(context.getCause()))
                .buildAsync();
        client.publishes(MqttGlobalPublishFilter.ALL, this::onPublish);
    }

    /** Connects; a refusal or an unreachable broker is a {@link ConnectionProblem} that says what to check. */
    public static ApiSession open(final ConnectionSettings settings) {
        var builder = Mqtt5Client.builder()
                // The application client-ID rule of hive-iot-auth: <app id>/<up to 36 of [-_0-9a-zA-Z]>.
                .identifier(settings.appId() + "/cli-" + randomText(8))
                .serverHost(settings.host())
                .serverPort(settings.port());
        if (settings.tls().isPresent()) {
            builder = builder.sslConfig(TlsContext.of(settings.tls().get()));
        }
        final ApiSession session = new ApiSession(builder, settings);
        session.connect();
        return session;
    }

    public String account() {
        return settings.account();
    }

    public ConnectionSettings settings() {
        return settings;
    }

    public boolean isConnected() {
        return client.getState().isConnected();
    }

    public Duration timeout() {
        return settings.timeout();
    }

    /** The result of a successful op, waiting up to the connection's timeout. */
    public JsonNode call(final Service service, final String op, final ObjectNode args) {
        return call(service.topicName(), op, args, settings.timeout());
    }

    /** The result of a successful op, waiting up to {@code wait}; a failed op throws {@link ServiceError}. */
    public JsonNode call(final Service service, final String op, final ObjectNode args, final Duration wait) {
        return call(service.topicName(), op, args, wait);
    }

    public JsonNode call(final String service, final String op, final ObjectNode args, final Duration wait) {
        final JsonNode answer = answer(service, op, args, wait);
        if (answer.path("ok").asBoolean(false)) {
            final JsonNode result = answer.get("result");
            return result == null ? NullNode.getInstance() : result;
        }
        final JsonNode error = answer.path("error");
        throw new ServiceError(
                service,
                op,
                error.path("code").asText("internal"),
                error.path("message").asText("(no message)"));
    }

    private JsonNode answer(final String service, final String op, final ObjectNode args, final Duration wait) {
        final String requestId = requestPrefix + "-" + requestIds.incrementAndGet();
        final String base = "users/" + settings.account() + "/api/" + service;
        final ObjectNode request = Json.object().put("op", op);
        request.set("args", args);
        final CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(base + "/response/" + requestId, answer);
        try {
            final Mqtt5PublishResult sent = client.publishWith()
                    .topic(base + "/request/" + requestId)
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .contentType("application/json")
                    .responseTopic(base + "/response/" + requestId)
                    .correlationData(requestId.getBytes(StandardCharsets.UTF_8))
                    .payload(Json.compact(request).getBytes(StandardCharsets.UTF_8))
                    .send()
                    .get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            PublishRefusal.check(sent, service, settings);
            return answer.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final TimeoutException e) {
            throw new RequestTimedOut(
                    "no answer from the " + service + " service to " + op + " within " + DurationText.format(wait),
                    "Check that the broker runs the extension serving `" + service + "` (its log says "
                            + "'started'), or allow longer with --timeout.");
        } catch (final ExecutionException e) {
            if (e.getCause() instanceof Mqtt5PubAckException refused) {
                PublishRefusal.check(refused.getMqttMessage(), service, settings);
            }
            throw connectionLost(e.getCause());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RequestTimedOut("interrupted while waiting for " + op, "Run the command again.");
        } finally {
            pending.remove(base + "/response/" + requestId);
        }
    }

    /** Subscribes; each message goes to {@code consumer} on the client's thread. */
    public void subscribe(final String topicFilter, final Consumer<Mqtt5Publish> consumer) {
        try {
            final Mqtt5SubAck subAck = client.subscribeWith()
                    .topicFilter(topicFilter)
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .callback(consumer)
                    .send()
                    .get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (subAck.getReasonCodes().stream().anyMatch(code -> code.isError())) {
                throw new ConnectionProblem(
                        "the broker refused the subscription to " + topicFilter + " (" + subAck.getReasonCodes() + ")",
                        "Use the app id of the account you watch, or pass --account with the app id's own account.");
            }
        } catch (final TimeoutException e) {
            throw new RequestTimedOut(
                    "no SUBACK for " + topicFilter + " within " + DurationText.format(settings.timeout()),
                    "Check the broker's health, or allow longer with --timeout.");
        } catch (final ExecutionException e) {
            throw connectionLost(e.getCause());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RequestTimedOut("interrupted while subscribing", "Run the command again.");
        }
    }

    private void connect() {
        try {
            client.connectWith()
                    .cleanStart(true)
                    .simpleAuth()
                    .username(settings.appId())
                    .password(settings.appSecret().getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth()
                    .send()
                    .get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (final ExecutionException e) {
            throw ConnectRefusal.explain(e.getCause(), settings);
        } catch (final TimeoutException e) {
            client.disconnect();
            throw new ConnectionProblem(
                    "no answer from the broker at " + settings.host() + ":" + settings.port() + " within "
                            + DurationText.format(settings.timeout()),
                    "Check host and port (--host/--port, HIVE_IOT_HOST/HIVE_IOT_PORT), and --tls if it is a TLS port.");
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionProblem("interrupted while connecting", "Run the command again.");
        }
    }

    private void onPublish(final Mqtt5Publish publish) {
        final CompletableFuture<JsonNode> answer =
                pending.get(publish.getTopic().toString());
        if (answer == null) {
            return; // a late answer to a request given up on, or an event for a subscriber
        }
        try {
            answer.complete(Json.mapper().readTree(publish.getPayloadAsBytes()));
        } catch (final IOException e) {
            answer.completeExceptionally(e);
        }
    }

    private void failPending(final Throwable cause) {
        pending.values().forEach(answer -> answer.completeExceptionally(cause));
    }

    private ConnectionProblem connectionLost(final Throwable cause) {
        if (cause instanceof ConnectionProblem problem) {
            return problem;
        }
        return new ConnectionProblem(
                "the connection to " + settings.host() + ":" + settings.port() + " was lost: " + cause.getMessage(),
                "Check the broker is still running; if the app secret was rotated meanwhile, use the new one.",
                cause);
    }

    private static String randomText(final int length) {
        final StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    @Override
    public void close() {
        if (client.getState().isConnected()) {
            try {
                client.disconnect().get(5, TimeUnit.SECONDS);
            } catch (final ExecutionException | TimeoutException e) {
                // the broker may have closed the connection itself; nothing is left to release
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package io.hiveiot.benchmarks.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.hiveiot.benchmarks.load.Loopback;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * An application of the account calling one of hive-iot's services (docs/application-api.md): requests on
 * {@code users/<account>/api/<service>/request/<id>}, each answer matched by its id on {@code .../response/<id>}.
 * MQTT 5 whatever the scenario measures: this is setup, not load.
 */
public final class ServiceClient implements AutoCloseable {

    /** One request's outcome: the answer, or why there is none. */
    public record Answer<T>(T item, JsonNode answer, Throwable error) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Mqtt5AsyncClient client;
    private final String requestPrefix;
    private final String responsePrefix;
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private ServiceClient(final Mqtt5AsyncClient client, final String account, final String service) {
        this.client = client;
        this.requestPrefix = "users/" + account + "/api/" + service + "/request/";
        this.responsePrefix = "users/" + account + "/api/" + service + "/response/";
        // The services answer the requester without a subscription of its own (publishToClient).
        client.publishes(MqttGlobalPublishFilter.ALL, this::answer);
    }

    /** Connects as {@code app} with the client ID {@code <app id>/<suffix>}, by {@code deadlineNanos}. */
    public static ServiceClient connect(
            final InetSocketAddress target,
            final FirstRun app,
            final String suffix,
            final String service,
            final long deadlineNanos)
            throws InterruptedException {
        final Mqtt5AsyncClient client = MqttClient.builder()
                .useMqttVersion5()
                .identifier(app.appId() + "/" + suffix)
                .serverAddress(Loopback.check(target))
                .buildAsync();
        final ServiceClient caller = new ServiceClient(client, app.account(), service);
        try {
            client.connectWith()
                    .simpleAuth()
                    .username(app.appId())
                    .password(app.appSecret().getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth()
                    .send()
                    .get(remaining(deadlineNanos), TimeUnit.NANOSECONDS);
            return caller;
        } catch (final ExecutionException | TimeoutException e) {
            client.disconnect();
            throw new IllegalStateException("the application could not connect as '" + app.appId() + "': " + e, e);
        }
    }

    /** Completes with the service's answer, exceptionally when the request publish failed. */
    public CompletableFuture<JsonNode> call(final String requestId, final byte[] request) {
        final CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(requestId, answer);
        client.publishWith()
                .topic(requestPrefix + requestId)
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(request)
                .send()
                .whenComplete((ack, error) -> {
                    if (error != null) {
                        pending.remove(requestId);
                        answer.completeExceptionally(error);
                    }
                });
        return answer;
    }

    /**
     * One request per item with at most {@code window} unanswered, every answer by {@code deadlineNanos}; the
     * outcomes in the items' order. Throws when the deadline passes first, naming {@code what}.
     */
    public <T> List<Answer<T>> callAll(
            final List<T> items,
            final int window,
            final long deadlineNanos,
            final Function<T, String> requestId,
            final Function<T, byte[]> request,
            final String what)
            throws InterruptedException {
        final var permits = new Semaphore(window);
        final List<CompletableFuture<Answer<T>>> answers = new ArrayList<>(items.size());
        for (final T item : items) {
            if (!permits.tryAcquire(remaining(deadlineNanos), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException(what + " did not finish in time");
            }
            answers.add(call(requestId.apply(item), request.apply(item)).handle((node, error) -> {
                permits.release();
                return new Answer<>(item, node, error);
            }));
        }
        if (!permits.tryAcquire(window, remaining(deadlineNanos), TimeUnit.NANOSECONDS)) {
            throw new IllegalStateException(
                    what + " did not finish in time: " + pending.size() + " requests unanswered");
        }
        return answers.stream().map(CompletableFuture::join).toList();
    }

    @Override
    public void close() {
        client.disconnect();
    }

    private void answer(final Mqtt5Publish publish) {
        final String topic = publish.getTopic().toString();
        if (!topic.startsWith(responsePrefix)) {
            return;
        }
        final CompletableFuture<JsonNode> answer = pending.remove(topic.substring(responsePrefix.length()));
        if (answer == null) {
            return;
        }
        try {
            answer.complete(JSON.readTree(publish.getPayloadAsBytes()));
        } catch (final IOException e) {
            answer.completeExceptionally(e);
        }
    }

    static long remaining(final long deadlineNanos) {
        return Math.max(0, deadlineNanos - System.nanoTime());
    }
}

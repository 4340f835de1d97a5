package io.hiveiot.benchmarks.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.hiveiot.benchmarks.load.Device;
import io.hiveiot.benchmarks.load.Fleet;
import io.hiveiot.benchmarks.load.Loopback;
import io.hiveiot.benchmarks.stats.Rates;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the fleet's devices through hive-iot's registry service, as an application of the account
 * would (DESIGN.md §6): {@code {"op":"device.create","args":{"name":..,"credentials":{"type":"ACCESS_TOKEN","token":..}}}}
 * on {@code users/<account>/api/registry/request/<id>}, answered on {@code .../response/<id>}. Up to
 * {@code window} requests are in flight; every device must be created, or provisioning fails.
 */
public final class RegistryProvisioner {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param rate      devices created per second
     * @param deviceIds the registry's id of every device by name: hive-iot keys stored data by id
     */
    public record Result(int created, Duration elapsed, double rate, Map<String, String> deviceIds) {

        public Result {
            deviceIds = Map.copyOf(deviceIds);
        }
    }

    private RegistryProvisioner() {
    }

    public static Result provision(final InetSocketAddress target, final FirstRun app, final Fleet fleet,
                                   final int window, final Duration timeLimit, final PrintStream out)
            throws InterruptedException {
        final Mqtt5AsyncClient client = MqttClient.builder().useMqttVersion5()
                .identifier(app.appId() + "/bench-provisioner-" + fleet.runId())
                .serverAddress(Loopback.check(target))
                .buildAsync();
        final String requestPrefix = "users/" + app.account() + "/api/registry/request/";
        final String responsePrefix = "users/" + app.account() + "/api/registry/response/";
        final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        // The registry answers the requester without a subscription of its own (publishToClient).
        client.publishes(MqttGlobalPublishFilter.ALL, publish -> answer(publish, responsePrefix, pending));
        final long deadline = System.nanoTime() + timeLimit.toNanos();
        try {
            client.connectWith().simpleAuth().username(app.appId())
                    .password(app.appSecret().getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                    .send().get(remaining(deadline), TimeUnit.NANOSECONDS);
            final var permits = new Semaphore(window);
            final Map<String, Integer> errors = new ConcurrentHashMap<>();
            final Map<String, String> examples = new ConcurrentHashMap<>();
            final Map<String, String> ids = new ConcurrentHashMap<>();
            final long start = System.nanoTime();
            for (final Device device : fleet.devices()) {
                if (!permits.tryAcquire(remaining(deadline), TimeUnit.NANOSECONDS)) {
                    throw new IllegalStateException("provisioning did not finish within " + timeLimit.toSeconds() + " s");
                }
                final String requestId = fleet.runId() + "-" + device.index();
                final CompletableFuture<JsonNode> answer = new CompletableFuture<>();
                pending.put(requestId, answer);
                answer.whenComplete((node, error) -> {
                    final String problem = problem(node, error, device);
                    if (problem != null) {
                        final String kind = problem.contains(":") ? problem.substring(0, problem.indexOf(':')) : problem;
                        errors.merge(kind, 1, Integer::sum);
                        examples.putIfAbsent(kind, problem);
                    } else {
                        ids.put(device.name(), node.path("result").path("id").asText());
                    }
                    permits.release();
                });
                client.publishWith().topic(requestPrefix + requestId).qos(MqttQos.AT_LEAST_ONCE)
                        .payload(request(device)).send()
                        .whenComplete((ack, error) -> {
                            if (error != null) {
                                pending.remove(requestId);
                                answer.completeExceptionally(error);
                            }
                        });
            }
            if (!permits.tryAcquire(window, remaining(deadline), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("provisioning did not finish within " + timeLimit.toSeconds() + " s: "
                        + pending.size() + " requests unanswered");
            }
            if (!errors.isEmpty()) {
                throw new IllegalStateException("device.create failed: " + new TreeMap<>(errors) + ", e.g. "
                        + examples.values());
            }
            final Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            final var result = new Result(fleet.size(), elapsed, Rates.perSecond(fleet.size(), elapsed), ids);
            out.printf("provisioned %d devices through the registry service in %.1f s (%.0f device.create/s)%n",
                    result.created(), elapsed.toNanos() / 1e9, result.rate());
            return result;
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the provisioning application could not connect as '" + app.appId() + "': " + e, e);
        } finally {
            client.disconnect();
        }
    }

    private static void answer(final Mqtt5Publish publish, final String responsePrefix,
                               final Map<String, CompletableFuture<JsonNode>> pending) {
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

    static byte[] request(final Device device) {
        final ObjectNode request = JSON.createObjectNode().put("op", "device.create");
        final ObjectNode args = request.putObject("args").put("name", device.name());
        args.putObject("credentials").put("type", "ACCESS_TOKEN").put("token", device.username());
        try {
            return JSON.writeValueAsBytes(request);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Null when the device was created with the token asked for; else a short description for the error count. */
    static String problem(final JsonNode answer, final Throwable error, final Device device) {
        if (error != null) {
            return error.getClass().getSimpleName();
        }
        if (!answer.path("ok").asBoolean()) {
            return answer.path("error").path("code").asText("?") + ": " + answer.path("error").path("message").asText();
        }
        if (!device.username().equals(answer.path("result").path("credentials").path("token").asText())) {
            return "wrong-token: the answer carries another token than the one asked for";
        }
        if (answer.path("result").path("id").asText().isEmpty()) {
            return "no-id: the answer carries no device id";
        }
        return null;
    }

    private static long remaining(final long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }
}

package io.hiveiot.benchmarks.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.benchmarks.load.Device;
import io.hiveiot.benchmarks.load.Fleet;
import io.hiveiot.benchmarks.stats.Rates;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Creates the fleet's devices through hive-iot's registry service, as an application of the account
 * would: {@code {"op":"device.create","args":{"name":..,"credentials":{"type":"ACCESS_TOKEN","token":..}}}}
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

    private RegistryProvisioner() {}

    public static Result provision(
            final InetSocketAddress target,
            final FirstRun app,
            final Fleet fleet,
            final int window,
            final Duration timeLimit,
            final PrintStream out)
            throws InterruptedException {
        final long deadline = System.nanoTime() + timeLimit.toNanos();
        try (ServiceClient registry =
                ServiceClient.connect(target, app, "bench-provisioner-" + fleet.runId(), "registry", deadline)) {
            final long start = System.nanoTime();
            final List<ServiceClient.Answer<Device>> answers;
            try {
                answers = registry.callAll(
                        fleet.devices(),
                        window,
                        deadline,
                        device -> fleet.runId() + "-" + device.index(),
                        RegistryProvisioner::request,
                        "provisioning");
            } catch (final IllegalStateException e) {
                throw new IllegalStateException(e.getMessage() + " (time limit " + timeLimit.toSeconds() + " s)", e);
            }
            final Map<String, Integer> errors = new TreeMap<>();
            final Map<String, String> examples = new TreeMap<>();
            final Map<String, String> ids = new HashMap<>();
            for (final ServiceClient.Answer<Device> answer : answers) {
                final String problem = problem(answer.answer(), answer.error(), answer.item());
                if (problem != null) {
                    final String kind = problem.contains(":") ? problem.substring(0, problem.indexOf(':')) : problem;
                    errors.merge(kind, 1, Integer::sum);
                    examples.putIfAbsent(kind, problem);
                } else {
                    ids.put(
                            answer.item().name(),
                            answer.answer().path("result").path("id").asText());
                }
            }
            if (!errors.isEmpty()) {
                throw new IllegalStateException("device.create failed: " + errors + ", e.g. " + examples.values());
            }
            final Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            final var result = new Result(fleet.size(), elapsed, Rates.perSecond(fleet.size(), elapsed), ids);
            out.printf(
                    "provisioned %d devices through the registry service in %.1f s (%.0f device.create/s)%n",
                    result.created(), elapsed.toNanos() / 1e9, result.rate());
            return result;
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
            return answer.path("error").path("code").asText("?") + ": "
                    + answer.path("error").path("message").asText();
        }
        if (!device.username()
                .equals(answer.path("result").path("credentials").path("token").asText())) {
            return "wrong-token: the answer carries another token than the one asked for";
        }
        if (answer.path("result").path("id").asText().isEmpty()) {
            return "no-id: the answer carries no device id";
        }
        return null;
    }
}

package io.hiveiot.benchmarks.scenario;

import io.hiveiot.benchmarks.load.Device;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** The scenarios by name. */
public final class Scenarios {

    private static final Map<String, Supplier<Scenario>> AVAILABLE = new LinkedHashMap<>();

    static {
        AVAILABLE.put("connect", ConnectScenario::new);
        AVAILABLE.put("idle", IdleScenario::new);
        AVAILABLE.put("telemetry", TelemetryScenario::new);
        AVAILABLE.put("rpc", RpcScenario::new);
        AVAILABLE.put(FirmwareScenario.NAME, FirmwareScenario::new);
        AVAILABLE.put(GatewayScenario.NAME, GatewayScenario::new);
        AVAILABLE.put(DiskScenario.NAME, DiskScenario::new);
        AVAILABLE.put(ReadsScenario.NAME, ReadsScenario::new);
        AVAILABLE.put(RestartScenario.NAME, RestartScenario::new);
    }

    private Scenarios() {}

    public static Scenario byName(final String name) {
        final Supplier<Scenario> scenario = AVAILABLE.get(name);
        if (scenario != null) {
            return scenario.get();
        }
        throw new IllegalArgumentException(
                "unknown scenario '" + name + "'; available: " + String.join(", ", AVAILABLE.keySet()));
    }

    /** The devices a run uses: the fleet, capped by the message limit (one CONNECT each). */
    static List<Device> capped(final ScenarioContext context) {
        final List<Device> devices = context.fleet().devices();
        return devices.size() <= context.limits().maxMessages()
                ? devices
                : devices.subList(0, (int) context.limits().maxMessages());
    }

    static Map<String, Object> parameters(final ScenarioContext context, final int devices) {
        final Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("devices", devices);
        parameters.put("concurrency", context.concurrency());
        parameters.put("time_limit_s", context.limits().timeLimit().toSeconds());
        return parameters;
    }

    /** Waits for a step of a scenario's setup; its failure or timeout ends the run, naming {@code what}. */
    static <T> T await(final CompletableFuture<T> future, final String what, final Duration timeout)
            throws InterruptedException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
        } catch (final TimeoutException e) {
            throw new IllegalStateException(what + " did not finish within " + timeout.toSeconds() + " s", e);
        }
    }

    static void sleepUntil(final long nanos) throws InterruptedException {
        final long wait = nanos - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}

package io.hiveiot.benchmarks.scenario;

import io.hiveiot.benchmarks.load.Device;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** The scenarios by name. {@code telemetry} and {@code rpc} join when extension-device-api serves them. */
public final class Scenarios {

    private static final Map<String, Supplier<Scenario>> AVAILABLE = new LinkedHashMap<>();
    private static final Set<String> PLANNED = Set.of("telemetry", "rpc");

    static {
        AVAILABLE.put("connect", ConnectScenario::new);
        AVAILABLE.put("idle", IdleScenario::new);
    }

    private Scenarios() {
    }

    public static Scenario byName(final String name) {
        final Supplier<Scenario> scenario = AVAILABLE.get(name);
        if (scenario != null) {
            return scenario.get();
        }
        if (PLANNED.contains(name)) {
            throw new IllegalArgumentException("scenario '" + name + "' needs extension-device-api, which the distribution "
                    + "does not contain yet; available: " + String.join(", ", AVAILABLE.keySet()));
        }
        throw new IllegalArgumentException("unknown scenario '" + name + "'; available: "
                + String.join(", ", AVAILABLE.keySet()));
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
}

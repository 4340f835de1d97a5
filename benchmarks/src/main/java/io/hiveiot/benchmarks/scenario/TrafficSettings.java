package io.hiveiot.benchmarks.scenario;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import io.hiveiot.benchmarks.cli.Options;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * How the telemetry, rpc, firmware and restart scenarios load the broker; the same options for {@code compare} and
 * {@code scenario}.
 *
 * @param telemetryDevices devices that publish telemetry (the first ones of the fleet)
 * @param qos              QoS of the telemetry publishes
 * @param inflight         publishes a device keeps unacknowledged at most (1: it waits for each PUBACK)
 * @param rate             telemetry messages per second of all devices together; empty: as fast as the
 *                         broker acknowledges
 * @param duration         the measured window of a telemetry or rpc run
 * @param warmup           traffic before the measured window, on the same connections (a fresh broker JVM
 *                         has not compiled its publish path yet)
 * @param rpcDevices       devices that answer RPCs
 * @param rpcRate          RPCs per second the application sends
 * @param rpcInflight      RPCs unanswered at most
 * @param rpcTimeout       an RPC unanswered this long counts as {@code timeout}
 * @param firmware         the firmware scenario's devices, package and chunk size
 * @param gateway          the gateway scenario's sub-devices, batch and in-flight window
 * @param restart          the restart storm's devices, their session expiry and reconnect backoff
 */
public record TrafficSettings(
        int telemetryDevices,
        MqttQos qos,
        int inflight,
        OptionalDouble rate,
        Duration duration,
        Duration warmup,
        int rpcDevices,
        double rpcRate,
        int rpcInflight,
        Duration rpcTimeout,
        FirmwareLoad firmware,
        GatewayLoad gateway,
        RestartLoad restart) {

    public TrafficSettings {
        if (telemetryDevices < 1 || rpcDevices < 1 || inflight < 1 || rpcInflight < 1) {
            throw new IllegalArgumentException("device counts and in-flight windows are at least 1");
        }
        if (rate.isPresent() && !(rate.getAsDouble() > 0)) {
            throw new IllegalArgumentException("--rate is a positive number of messages per second");
        }
        if (!(rpcRate > 0)) {
            throw new IllegalArgumentException("--rpc-rate is a positive number of RPCs per second");
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("--duration must be more than 0 seconds");
        }
    }

    public static TrafficSettings read(final Options options) {
        final int rate = options.integer("rate", 0, 0, 10_000_000);
        return new TrafficSettings(
                options.integer("telemetry-devices", 100, 1, 100_000),
                MqttQos.fromCode(options.integer("qos", 1, 0, 2)),
                options.integer("inflight", 1, 1, 65_535),
                rate == 0 ? OptionalDouble.empty() : OptionalDouble.of(rate),
                options.seconds("duration", Duration.ofSeconds(15), Limits.MAX_TIME_LIMIT),
                options.seconds("traffic-warmup", Duration.ofSeconds(15), Duration.ofMinutes(10)),
                options.integer("rpc-devices", 100, 1, 100_000),
                options.integer("rpc-rate", 1_000, 1, 1_000_000),
                options.integer("rpc-inflight", 100, 1, 65_535),
                options.seconds("rpc-timeout", Duration.ofSeconds(5), Duration.ofMinutes(10)),
                FirmwareLoad.read(options),
                GatewayLoad.read(options),
                RestartLoad.read(options));
    }

    /** The same load at another telemetry rate (empty: max rate): the driver's two telemetry phases. */
    public TrafficSettings withRate(final OptionalDouble rate) {
        return new TrafficSettings(
                telemetryDevices,
                qos,
                inflight,
                rate,
                duration,
                warmup,
                rpcDevices,
                rpcRate,
                rpcInflight,
                rpcTimeout,
                firmware,
                gateway,
                restart);
    }

    /** The same load from {@code devices} telemetry devices with {@code inflight} publishes in flight each. */
    public TrafficSettings withDevices(final int devices, final int window) {
        return new TrafficSettings(
                devices,
                qos,
                window,
                rate,
                duration,
                warmup,
                rpcDevices,
                rpcRate,
                rpcInflight,
                rpcTimeout,
                firmware,
                gateway,
                restart);
    }

    /** The warm-up and the window must fit into the time limit, with the connects before them. */
    public void requireFits(final Limits limits) {
        if (warmup.plus(duration).compareTo(limits.timeLimit()) >= 0) {
            throw new IllegalArgumentException("--traffic-warmup (" + warmup.toSeconds() + " s) plus --duration ("
                    + duration.toSeconds() + " s) must be shorter than --time-limit ("
                    + limits.timeLimit().toSeconds()
                    + " s), which also bounds the connects");
        }
    }

    /** For the report, in display order. */
    public Map<String, String> display() {
        final Map<String, String> display = new LinkedHashMap<>();
        display.put("telemetry devices", Integer.toString(telemetryDevices));
        display.put("telemetry QoS", Integer.toString(qos.getCode()));
        display.put("publishes in flight per device", Integer.toString(inflight));
        display.put(
                "telemetry fixed rate",
                rate.isPresent()
                        ? String.format(Locale.ROOT, "%.0f/s", rate.getAsDouble())
                        : "half of hive-iot's max rate");
        display.put("measured window", duration.toSeconds() + " s");
        display.put("traffic warm-up", warmup.toSeconds() + " s");
        display.put("rpc devices", Integer.toString(rpcDevices));
        display.put("rpc rate", String.format(Locale.ROOT, "%.0f/s", rpcRate));
        display.put("RPCs in flight", Integer.toString(rpcInflight));
        display.put("rpc timeout", rpcTimeout.toMillis() + " ms");
        return display;
    }
}

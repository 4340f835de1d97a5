package io.hiveiot.benchmarks.scenario;

import io.hiveiot.benchmarks.load.Connector;
import io.hiveiot.benchmarks.load.Device;
import io.hiveiot.benchmarks.load.DeviceClient;
import io.hiveiot.benchmarks.stats.Rates;
import io.hiveiot.benchmarks.telemetry.Preload;
import io.hiveiot.benchmarks.telemetry.TelemetryPayload;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Disk per stored value: {@value #DEVICES} devices each send one hour of telemetry at a 1 s interval, three float
 * values a message (1,080,000 values), into a broker whose device-data.db held nothing before; the driver measures
 * the file once the broker has stopped (see {@link io.hiveiot.benchmarks.telemetry.DiskUsage}). Run on hive-iot only.
 */
public final class DiskScenario implements Scenario {

    public static final String NAME = "disk";
    public static final int DEVICES = 100;
    static final int SECONDS = 3_600;
    static final int INFLIGHT = 4;

    public static final String DESCRIPTION = DEVICES + " devices each publish one hour of "
            + "`{\"ts\":..,\"values\":{\"temperature\":..,\"humidity\":..,\"pressure\":..}}` at a 1 s interval (device "
            + "clocks with up to 10 ms of jitter), every value a random walk with one decimal (a sensor's `21.3`), QoS "
            + "1 with " + INFLIGHT + " publishes in flight, as fast as acknowledged, into a data folder of its own. "
            + "After the broker's clean stop (SQLite checkpoints its WAL then), device-data.db plus any WAL divided by "
            + "the values stored (counted as for telemetry): everything on disk, the points not sealed into chunks "
            + "yet and SQLite's free pages included; the breakdown gives the encoded chunk data per value, the ingest "
            + "rows still held, and the free pages.";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ScenarioResult run(final ScenarioContext context) throws InterruptedException {
        final List<Device> devices = context.fleet()
                .devices()
                .subList(0, Math.min(DEVICES, context.fleet().size()));
        final Connector.Outcome connected = Connector.connectAll(
                devices,
                context.target(),
                context.protocol(),
                context.concurrency(),
                context.limits().timeLimit());
        if (connected.connected().size() != devices.size()) {
            throw new IllegalStateException("disk: not every device could connect: " + connected.failures());
        }
        final long from = Math.max(System.currentTimeMillis() - SECONDS * 1000L, context.minTs());
        final long started = System.nanoTime();
        final var sends = new ArrayList<CompletableFuture<Preload.Outcome>>();
        for (final DeviceClient client : connected.connected()) {
            sends.add(Preload.send(client, hour(from, client.device().index()), INFLIGHT));
        }
        long acknowledged = 0;
        final Map<String, Long> failures = new TreeMap<>();
        for (final CompletableFuture<Preload.Outcome> send : sends) {
            final Preload.Outcome outcome = Scenarios.await(
                    send,
                    "disk: sending the hour of telemetry",
                    context.limits().timeLimit());
            acknowledged += outcome.acknowledged();
            outcome.failures().forEach((reason, count) -> failures.merge("PUBLISH " + reason, count, Long::sum));
        }
        final Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        Connector.disconnectAll(connected.connected(), ConnectScenario.DISCONNECT_TIMEOUT);
        final long values = acknowledged * TelemetryPayload.KEYS.size();
        context.out()
                .printf(
                        "disk [%s] %d devices sent %,d messages (%,d values) in %.1f s, failed %s%n",
                        context.broker(), devices.size(), acknowledged, values, elapsed.toNanos() / 1e9, failures);
        final Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("acked_values", (double) values);
        metrics.put("send_s", elapsed.toNanos() / 1e9);
        metrics.put("values_per_s", Rates.perSecond(values, elapsed));
        final Map<String, Object> parameters = Scenarios.parameters(context, devices.size());
        parameters.put("seconds", SECONDS);
        parameters.put("ts_from", from - 10);
        parameters.put("ts_to", from + SECONDS * 1000L + 10);
        return new ScenarioResult(
                NAME, context.protocol().shortName(), context.broker(), parameters, metrics, failures);
    }

    /** One device's hour: a message a second, the values a random walk of tenths seeded by the device. */
    static Iterator<byte[]> hour(final long from, final int device) {
        final Random random = new Random(device);
        final long[] tenths = {200 + random.nextInt(100), 400 + random.nextInt(200), 10_100 + random.nextInt(200)};
        return new Iterator<>() {
            private int second;

            @Override
            public boolean hasNext() {
                return second < SECONDS;
            }

            @Override
            public byte[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                final var json = new StringBuilder(112)
                        .append("{\"ts\":")
                        .append(from + second * 1000L + random.nextInt(21) - 10)
                        .append(",\"values\":{");
                for (int key = 0; key < tenths.length; key++) {
                    tenths[key] += random.nextInt(5) - 2;
                    final long value = Math.abs(tenths[key]);
                    json.append(key == 0 ? "" : ",")
                            .append('"')
                            .append(TelemetryPayload.KEYS.get(key))
                            .append("\":")
                            .append(tenths[key] < 0 ? "-" : "")
                            .append(value / 10)
                            .append('.')
                            .append(value % 10);
                }
                second++;
                return json.append("}}").toString().getBytes(StandardCharsets.US_ASCII);
            }
        };
    }
}

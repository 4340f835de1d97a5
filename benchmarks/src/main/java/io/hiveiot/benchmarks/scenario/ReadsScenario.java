package io.hiveiot.benchmarks.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.benchmarks.load.Connector;
import io.hiveiot.benchmarks.load.Device;
import io.hiveiot.benchmarks.load.DeviceClient;
import io.hiveiot.benchmarks.load.PacedLoop;
import io.hiveiot.benchmarks.provision.FirstRun;
import io.hiveiot.benchmarks.provision.ServiceClient;
import io.hiveiot.benchmarks.stats.LatencyRecorder;
import io.hiveiot.benchmarks.stats.LatencySummary;
import io.hiveiot.benchmarks.stats.Rates;
import io.hiveiot.benchmarks.stats.RequestTracker;
import io.hiveiot.benchmarks.telemetry.Preload;
import io.hiveiot.benchmarks.telemetry.TelemetryPublishers;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Reads of a long history while devices publish: the first device of the fleet gets one series of
 * {@value #SERIES_POINTS} points, the second one day of 1 s points of {@value #DAY_KEYS} keys; then the next
 * {@code --telemetry-devices} devices publish telemetry at the fixed rate (half of hive-iot's max rate of the same
 * run, or {@code --rate}) while the demo application times {@value #READS} reads of each kind through the
 * {@code devices} service, one at a time, alternating, after {@value #WARMUP_READS} untimed ones: the newest page
 * of 10,000 points of the long series, and the hourly AVG of the day's 100 series (one request, 2,400 entries).
 * hive-iot only.
 */
public final class ReadsScenario implements Scenario {

    public static final String NAME = "reads";
    static final int SERIES_POINTS = 1_000_000;
    static final int DAY_KEYS = 100;
    static final int READS = 20;
    /** Untimed reads first: a fresh broker JVM has not compiled the read path yet. */
    static final int WARMUP_READS = 3;

    private static final int POINTS_PER_MESSAGE = 500;
    private static final int DAY_SECONDS = 86_400;
    private static final int SECONDS_PER_MESSAGE = 10;
    private static final long HOUR = 3_600_000;
    /** The aggregate's range starts here after the day's first point: intervals as a dashboard's "last 24 h". */
    private static final long AGGREGATE_OFFSET = 17 * 60_000 + 13_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    public static final String DESCRIPTION = "one device gets a series of " + String.format("%,d", SERIES_POINTS)
            + " points (100 ms apart, " + POINTS_PER_MESSAGE + " a message), another one day of 1 s points of "
            + DAY_KEYS + " keys (" + String.format("%,d", DAY_SECONDS * DAY_KEYS) + " points), both through MQTT "
            + "at the broker's pace; then the telemetry devices publish at half of hive-iot's max rate while the demo "
            + "application times " + READS + " reads of each kind, one at a time, alternating, after "
            + WARMUP_READS + " untimed ones: `telemetry.history` "
            + "of the long series over its whole range with `limit` 10,000 (the newest page), and `telemetry.history` "
            + "of the day's 100 keys with `agg` AVG and `interval` 1 h over 24 h starting 17 min 13 s after the day's "
            + "first point (2,400 entries; chunks that straddle an hour are decoded, the others answered from their "
            + "summaries). Latency from the request's publish call to the answer.";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ScenarioResult run(final ScenarioContext context) throws InterruptedException {
        final FirstRun app = context.app()
                .orElseThrow(() ->
                        new IllegalStateException("reads: needs hive-iot's devices service (run it on hive-iot)"));
        final TrafficSettings traffic = context.traffic();
        final List<Device> devices = context.fleet().devices();
        final int background = Math.min(traffic.telemetryDevices(), devices.size() - 2);
        final Connector.Outcome connected = Connector.connectAll(
                devices.subList(0, 2 + background),
                context.target(),
                context.protocol(),
                context.concurrency(),
                context.limits().timeLimit());
        if (connected.connected().size() != 2 + background) {
            throw new IllegalStateException("reads: not every device could connect: " + connected.failures());
        }
        // The application connects before the load: its connect is not what is measured, and a broker busy with
        // the load and the ingest may take longer than the authentication's deadline to check its secret.
        try (ServiceClient api = ServiceClient.connect(
                context.target(), app, "bench-reads", "devices", System.nanoTime() + TimeUnit.SECONDS.toNanos(30))) {
            final DeviceClient seriesDevice = connected.connected().get(0);
            final DeviceClient dayDevice = connected.connected().get(1);
            final long now = System.currentTimeMillis();
            final long seriesFrom = Math.max(now - SERIES_POINTS * 100L, context.minTs());
            final long dayFrom = Math.max(now - DAY_SECONDS * 1000L, context.minTs());
            final long loadStart = System.nanoTime();
            final var series = Preload.send(seriesDevice, series(seriesFrom), 8);
            final var day = Preload.send(dayDevice, day(dayFrom), 8);
            final Map<String, Long> failures = new TreeMap<>();
            for (final var load : List.of(series, day)) {
                Scenarios.await(
                                load,
                                "reads: loading the history",
                                context.limits().timeLimit().multipliedBy(5))
                        .failures()
                        .forEach((reason, count) -> failures.merge("PUBLISH " + reason, count, Long::sum));
            }
            final Duration loaded = Duration.ofNanos(System.nanoTime() - loadStart);
            final long points = (long) SERIES_POINTS + (long) DAY_SECONDS * DAY_KEYS;
            context.out()
                    .printf(
                            "reads [%s] loaded %,d points in %.1f s (%.0f points/s)%n",
                            context.broker(), points, loaded.toNanos() / 1e9, Rates.perSecond(points, loaded));

            final double rate = traffic.rate().orElse(0);
            final long readsStart = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            final long readsEnd = readsStart + context.limits().timeLimit().toNanos();
            final var tracker = new RequestTracker(readsStart, readsEnd);
            final var publishers = new TelemetryPublishers(
                    connected.connected().subList(2, 2 + background),
                    Math.max(now, context.minTs()),
                    traffic.qos(),
                    traffic.inflight(),
                    context.limits().maxMessages(),
                    tracker,
                    readsEnd);
            final Thread ingest = new Thread(
                    () -> PacedLoop.runWithWarmup(
                            rate, readsStart, readsEnd, context.limits().maxMessages(), k -> publishers.sendNext()),
                    "reads-ingest");
            if (rate > 0) {
                ingest.start();
            }
            final var history = new LatencyRecorder();
            final var aggregate = new LatencyRecorder();
            int historyEntries = 0;
            int aggregateEntries = 0;
            for (int i = 0; i < WARMUP_READS; i++) {
                read(api, "wh" + i, new LatencyRecorder(), historyRequest(seriesDevice.device(), seriesFrom));
                read(api, "wa" + i, new LatencyRecorder(), aggregateRequest(dayDevice.device(), dayFrom));
            }
            Scenarios.sleepUntil(readsStart);
            for (int i = 0; i < READS; i++) {
                historyEntries = read(api, "h" + i, history, historyRequest(seriesDevice.device(), seriesFrom));
                aggregateEntries = read(api, "a" + i, aggregate, aggregateRequest(dayDevice.device(), dayFrom));
            }
            tracker.endWindowAt(System.nanoTime());
            publishers.stop();
            if (rate > 0) {
                ingest.interrupt();
                ingest.join();
            }
            Connector.disconnectAll(connected.connected(), ConnectScenario.DISCONNECT_TIMEOUT);

            final LatencySummary historyLatency = history.summary();
            final LatencySummary aggregateLatency = aggregate.summary();
            final double ingested =
                    Rates.perSecond(tracker.succeededInWindow(), Duration.ofNanos(tracker.windowNanos()));
            context.out()
                    .printf(
                            java.util.Locale.ROOT,
                            "  history of %,d entries: p50 %.1f ms, max %.1f ms; "
                                    + "1 h AVG of %,d entries: p50 %.1f ms, max %.1f ms; ingest %.0f msgs/s acknowledged of "
                                    + "%.0f offered%n",
                            historyEntries,
                            historyLatency.p50Ms(),
                            historyLatency.maxMs(),
                            aggregateEntries,
                            aggregateLatency.p50Ms(),
                            aggregateLatency.maxMs(),
                            ingested,
                            rate);
            final Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("history_p50_ms", historyLatency.p50Ms());
            metrics.put("history_max_ms", historyLatency.maxMs());
            metrics.put("history_entries", (double) historyEntries);
            metrics.put("aggregate_p50_ms", aggregateLatency.p50Ms());
            metrics.put("aggregate_max_ms", aggregateLatency.maxMs());
            metrics.put("aggregate_entries", (double) aggregateEntries);
            metrics.put("ingest_per_s", ingested);
            metrics.put("target_rate_per_s", rate);
            metrics.put("load_points_per_s", Rates.perSecond(points, loaded));
            final Map<String, Object> parameters = Scenarios.parameters(context, 2 + background);
            parameters.put("reads", READS);
            tracker.failures().forEach((reason, count) -> failures.merge("PUBLISH " + reason, count, Long::sum));
            return new ScenarioResult(
                    NAME, context.protocol().shortName(), context.broker(), parameters, metrics, failures);
        }
    }

    /** Times one read; a read that fails ends the run: a measurement of errors would be worthless. */
    private static int read(
            final ServiceClient api, final String id, final LatencyRecorder latency, final byte[] request)
            throws InterruptedException {
        final long started = System.nanoTime();
        final JsonNode answer =
                Scenarios.await(api.call(id, request), "reads: telemetry.history", Duration.ofSeconds(30));
        latency.recordNanos(System.nanoTime() - started);
        if (!answer.path("ok").asBoolean()) {
            throw new IllegalStateException("reads: telemetry.history failed: " + answer);
        }
        return answer.path("result").path("entries").size();
    }

    private static byte[] historyRequest(final Device device, final long from) {
        final ObjectNode args = JSON.createObjectNode()
                .put("device", device.name())
                .put("from", from)
                .put("to", from + SERIES_POINTS * 100L)
                .put("limit", 10_000);
        args.putArray("keys").add("v");
        return request(args);
    }

    private static byte[] aggregateRequest(final Device device, final long dayFrom) {
        final long from = dayFrom + AGGREGATE_OFFSET;
        final ObjectNode args = JSON.createObjectNode()
                .put("device", device.name())
                .put("from", from)
                .put("to", from + 24 * HOUR)
                .put("agg", "AVG")
                .put("interval", HOUR)
                .put("limit", 10_000);
        final var keys = args.putArray("keys");
        for (int key = 0; key < DAY_KEYS; key++) {
            keys.add("k" + key);
        }
        return request(args);
    }

    private static byte[] request(final ObjectNode args) {
        final ObjectNode request = JSON.createObjectNode().put("op", "telemetry.history");
        request.set("args", args);
        return request.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The long series: {@value #POINTS_PER_MESSAGE} points a message, 100 ms apart, a sawtooth with one decimal. */
    private static Iterator<byte[]> series(final long from) {
        return messages(SERIES_POINTS / POINTS_PER_MESSAGE, message -> {
            final var json = new StringBuilder(POINTS_PER_MESSAGE * 40).append('[');
            for (int i = 0; i < POINTS_PER_MESSAGE; i++) {
                final long n = (long) message * POINTS_PER_MESSAGE + i;
                json.append(i == 0 ? "" : ",")
                        .append("{\"ts\":")
                        .append(from + n * 100)
                        .append(",\"values\":{\"v\":")
                        .append(n % 1000 / 10)
                        .append('.')
                        .append(n % 10)
                        .append("}}");
            }
            return json.append(']').toString();
        });
    }

    /** The day: {@value #SECONDS_PER_MESSAGE} seconds of all {@value #DAY_KEYS} keys a message. */
    private static Iterator<byte[]> day(final long from) {
        return messages(DAY_SECONDS / SECONDS_PER_MESSAGE, message -> {
            final var json = new StringBuilder(SECONDS_PER_MESSAGE * DAY_KEYS * 12).append('[');
            for (int s = 0; s < SECONDS_PER_MESSAGE; s++) {
                final long second = (long) message * SECONDS_PER_MESSAGE + s;
                json.append(s == 0 ? "" : ",")
                        .append("{\"ts\":")
                        .append(from + second * 1000)
                        .append(",\"values\":{");
                for (int key = 0; key < DAY_KEYS; key++) {
                    final long tenths = 200 + (second + key * 7) % 150;
                    json.append(key == 0 ? "" : ",")
                            .append("\"k")
                            .append(key)
                            .append("\":")
                            .append(tenths / 10)
                            .append('.')
                            .append(tenths % 10);
                }
                json.append("}}");
            }
            return json.append(']').toString();
        });
    }

    private static Iterator<byte[]> messages(final int count, final java.util.function.IntFunction<String> message) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public byte[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return message.apply(next++).getBytes(StandardCharsets.US_ASCII);
            }
        };
    }
}

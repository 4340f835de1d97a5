package io.hiveiot.kit.health;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.hiveiot.kit.database.Database;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An extension's readiness as the broker's metric registry shows it: the gauge {@code <metric prefix>ready} is 1
 * while the extension is started and its database answered a recent probe (a committed write read back on a read
 * thread), 0 otherwise. Extensions share no state, so this gauge is how another extension (the hive-iot console's
 * {@code /ready}) learns whether this one works. Registered as the last step of a successful start; closed before
 * the database, which also removes the gauge.
 */
public final class Readiness implements AutoCloseable {

    /** The gauge's name after the extension's metric prefix, e.g. {@code hive-iot.firmware.ready}. */
    public static final String GAUGE = "ready";

    static final Duration PROBE_INTERVAL = Duration.ofSeconds(5);
    /** The first probe may pay for the database's warm-up; later ones taking this long mean trouble. */
    private static final Duration FIRST_PROBE_TIMEOUT = Duration.ofSeconds(10);

    private final MetricRegistry registry;
    private final String gaugeName;
    private final Gauge<Integer> gauge;
    private final DatabaseProbe probe;
    private final ScheduledExecutorService scheduler;

    private Readiness(
            final MetricRegistry registry, final String gaugeName, final DatabaseProbe probe, final Duration interval) {
        this.registry = registry;
        this.gaugeName = gaugeName;
        this.probe = probe;
        this.gauge = () -> probe.answeredWithin(interval.multipliedBy(3)) ? 1 : 0;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final var thread = new Thread(runnable, gaugeName + "-probe");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Probes the database once (waiting for the answer, so that a started extension reads ready at once), then
     * every few seconds, and registers the gauge.
     *
     * @param metricPrefix the extension's metric prefix, ending in a dot, e.g. {@code hive-iot.firmware.}
     */
    public static Readiness register(
            final MetricRegistry registry, final String metricPrefix, final Database database) {
        return register(registry, metricPrefix, database, PROBE_INTERVAL);
    }

    static Readiness register(
            final MetricRegistry registry,
            final String metricPrefix,
            final Database database,
            final Duration interval) {
        final var readiness = new Readiness(registry, metricPrefix + GAUGE, new DatabaseProbe(database), interval);
        readiness.probe.runAndWait(FIRST_PROBE_TIMEOUT);
        readiness.scheduler.scheduleWithFixedDelay(
                () -> readiness.probe.runAndWait(interval.multipliedBy(2)),
                interval.toMillis(),
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
        registry.remove(readiness.gaugeName);
        registry.register(readiness.gaugeName, readiness.gauge);
        return readiness;
    }

    /** Stops probing and removes the gauge: a stopping extension is not ready. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        registry.removeMatching((name, metric) -> name.equals(gaugeName) && metric == gauge);
    }
}

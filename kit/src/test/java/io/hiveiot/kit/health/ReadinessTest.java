package io.hiveiot.kit.health;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.DatabaseSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadinessTest {

    private static final String PREFIX = "hive-iot.sample.";
    private static final Duration FAST = Duration.ofMillis(50);

    @TempDir
    Path temp;

    private final MetricRegistry registry = new MetricRegistry();
    private Database database;

    @BeforeEach
    void open() {
        database = Database.open(
                "sample", DatabaseSettings.forFile(temp.resolve("sample.db")), ReadinessTest.class.getClassLoader());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void register_afterAnsweredProbe_gaugeIsOneAtOnce() {
        try (Readiness ignored = Readiness.register(registry, PREFIX, database, FAST)) {
            assertEquals(1, gauge().getValue());
            final Object stored = database.read(dsl -> dsl.fetchValue("select count(*) from kit_probe"))
                    .join();
            assertEquals(1, ((Number) stored).intValue(), "the probe keeps one row, however often it runs");
        }
    }

    @Test
    void closedDatabase_gaugeFallsToZero() throws InterruptedException {
        try (Readiness ignored = Readiness.register(registry, PREFIX, database, FAST)) {
            database.close();
            awaitGauge(0, "a database that takes no writes is not ready");
        }
    }

    @Test
    void busyWriter_probeTakesNoPlaceInItsQueue_andAWriterThatCommitsNothingIsNotReady() throws Exception {
        try (Readiness ignored = Readiness.register(registry, PREFIX, database, FAST)) {
            final var release = new CountDownLatch(1);
            final var stuck = database.write(dsl -> {
                await(release);
                return null;
            });
            awaitGauge(0, "a writer stuck in one write for three probe intervals");
            assertEquals(0, database.queuedWrites(), "the probe never queued behind the stuck write");
            release.countDown();
            stuck.get(10, TimeUnit.SECONDS);
            awaitGauge(1, "the writer free again");
        }
    }

    @Test
    void close_removesTheGauge() {
        final Readiness readiness = Readiness.register(registry, PREFIX, database, FAST);
        assertTrue(registry.getGauges().containsKey(PREFIX + Readiness.GAUGE));
        readiness.close();
        assertFalse(registry.getGauges().containsKey(PREFIX + Readiness.GAUGE));
    }

    private void awaitGauge(final int value, final String why) throws InterruptedException {
        final long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (gauge().getValue() != value && System.nanoTime() < deadline) {
            Thread.sleep(FAST.toMillis());
        }
        assertEquals(value, gauge().getValue(), why);
    }

    private static void await(final CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @SuppressWarnings("unchecked")
    private Gauge<Integer> gauge() {
        return (Gauge<Integer>) registry.getGauges().get(PREFIX + Readiness.GAUGE);
    }
}

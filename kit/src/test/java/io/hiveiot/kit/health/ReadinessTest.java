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
        database = Database.open("sample", DatabaseSettings.forFile(temp.resolve("sample.db")),
                ReadinessTest.class.getClassLoader());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void register_afterAnsweredProbe_gaugeIsOneAtOnce() {
        try (Readiness ignored = Readiness.register(registry, PREFIX, database, FAST)) {
            assertEquals(1, gauge().getValue());
            final Object stored = database.read(dsl -> dsl.fetchValue("select count(*) from kit_probe")).join();
            assertEquals(1, ((Number) stored).intValue(), "the probe keeps one row, however often it runs");
        }
    }

    @Test
    void closedDatabase_gaugeFallsToZero() throws InterruptedException {
        try (Readiness ignored = Readiness.register(registry, PREFIX, database, FAST)) {
            database.close();
            final long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (gauge().getValue() != 0 && System.nanoTime() < deadline) {
                Thread.sleep(FAST.toMillis());
            }
            assertEquals(0, gauge().getValue(), "a database that takes no writes is not ready");
        }
    }

    @Test
    void close_removesTheGauge() {
        final Readiness readiness = Readiness.register(registry, PREFIX, database, FAST);
        assertTrue(registry.getGauges().containsKey(PREFIX + Readiness.GAUGE));
        readiness.close();
        assertFalse(registry.getGauges().containsKey(PREFIX + Readiness.GAUGE));
    }

    @SuppressWarnings("unchecked")
    private Gauge<Integer> gauge() {
        return (Gauge<Integer>) registry.getGauges().get(PREFIX + Readiness.GAUGE);
    }
}

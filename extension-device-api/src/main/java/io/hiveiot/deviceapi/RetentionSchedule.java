package io.hiveiot.deviceapi;

import io.hiveiot.deviceapi.bucket.BucketRetention;
import io.hiveiot.deviceapi.retention.Retention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the retention purge periodically on a timer thread of the extension's own, which waits for each purge to
 * finish, so two never overlap. The first purge runs a minute after the start (or sooner with a shorter
 * interval), so a broker that is restarted often still purges.
 */
final class RetentionSchedule {

    private static final Logger log = LoggerFactory.getLogger(RetentionSchedule.class);
    private static final Duration FIRST_PURGE = Duration.ofMinutes(1);

    private RetentionSchedule() {}

    /** @param timer a timer thread of the retention's own: it waits for each purge */
    static void start(
            final ScheduledExecutorService timer,
            final Retention retention,
            final BucketRetention buckets,
            final Duration interval) {
        final long first = Math.min(FIRST_PURGE.toMillis(), interval.toMillis());
        timer.scheduleWithFixedDelay(
                () -> purge(retention, buckets), first, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void purge(final Retention retention, final BucketRetention buckets) {
        try {
            final Retention.PurgeResult result = retention.purge().get();
            if (result.dropped() > 0) {
                log.info(
                        "hive-iot-device-api: retention dropped {} telemetry chunks in {} steps",
                        result.dropped(),
                        result.batches());
            }
            final long records = buckets.purge().get();
            if (records > 0) {
                log.info("hive-iot-device-api: retention deleted {} bucket records", records);
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (final ExecutionException | RuntimeException e) {
            // The next run carries on where this one stopped; a scheduled task that throws would never run again.
            log.warn(
                    "hive-iot-device-api: retention purge failed: {}",
                    e instanceof ExecutionException ? e.getCause().toString() : e.toString());
        }
    }
}

package io.hiveiot.tracking;

import io.hiveiot.tracking.config.TrackingConfig;
import io.hiveiot.tracking.tracker.PositionHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deletes position history older than its maximum age, batch by batch, so that no purge holds the writer (and
 * with it trackers' acknowledgements) for long.
 */
final class HistoryPurgeSchedule {

    private static final Logger log = LoggerFactory.getLogger(HistoryPurgeSchedule.class);

    private HistoryPurgeSchedule() {}

    /** @param timer a timer thread of the purge's own: it waits for each purge step */
    static void start(
            final ScheduledExecutorService timer,
            final PositionHistory history,
            final TrackingConfig.HistoryConfig config,
            final Clock clock) {
        final long interval = config.purgeInterval().toMillis();
        timer.scheduleWithFixedDelay(() -> purge(history, config, clock), interval, interval, TimeUnit.MILLISECONDS);
    }

    private static void purge(
            final PositionHistory history, final TrackingConfig.HistoryConfig config, final Clock clock) {
        final long olderThan = clock.millis() - config.maxAge().toMillis();
        try {
            int deleted;
            do {
                deleted = history.purge(olderThan, config.batchSize()).get(1, TimeUnit.MINUTES);
            } while (deleted == config.batchSize() && !Thread.currentThread().isInterrupted());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (final Exception e) {
            log.warn(
                    "hive-iot-tracking: history purge failed, next try in {}: {}",
                    config.purgeInterval(),
                    e.toString());
        }
    }
}

package io.hiveiot.tracking.tracker;

import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import io.hiveiot.kit.api.DeviceStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * Sends a device's document where it belongs, with normal routing (subscribers' permissions apply): to the
 * device's own publish topic, and as a {@code tracking} event to its account's application stream.
 */
public final class TrackerPublisher {

    public static final String STREAM_EVENT = "tracking";

    private static final Logger log = LoggerFactory.getLogger(TrackerPublisher.class);

    private final TrackerMetrics metrics;

    public TrackerPublisher(final TrackerMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * After a committed update: the topic if publishing is enabled, and the stream in any case. Never throws:
     * the update is stored, and a failed publish must not turn its acknowledgement into an error.
     */
    public void updated(final Tracker tracker, final long ts) {
        try {
            if (tracker.publishEnabled() && tracker.publishTopic().isPresent()) {
                document(tracker, tracker.publishTopic().get());
            }
            // The stream's device level is the uid: unique within the account and safe as a topic level.
            watch(
                    DeviceStream.publish(
                            tracker.account(),
                            tracker.uid(),
                            tracker.id(),
                            STREAM_EVENT,
                            ts,
                            TrackerDocument.tree(tracker)),
                    tracker);
        } catch (final RuntimeException e) {
            metrics.publishFailures.inc();
            log.warn("hive-iot-tracking: update of {} stored but not published: {}", tracker.uid(), e.toString());
        }
    }

    /** The document on {@code topic}; completes once the broker has taken it. */
    public CompletableFuture<Void> document(final Tracker tracker, final String topic) {
        final var publish = Builders.publish()
                .topic(topic)
                .qos(Qos.AT_LEAST_ONCE)
                .payload(ByteBuffer.wrap(TrackerDocument.bytes(tracker)))
                .contentType("application/json")
                .build();
        final CompletableFuture<Void> sent = Services.publishService().publish(publish);
        return watch(sent, tracker).thenRun(metrics.documentsPublished::inc);
    }

    private CompletableFuture<Void> watch(final CompletableFuture<Void> sent, final Tracker tracker) {
        return sent.whenComplete((done, failure) -> {
            if (failure != null) {
                metrics.publishFailures.inc();
                log.debug("hive-iot-tracking: document of {} not published: {}", tracker.uid(), failure.toString());
            }
        });
    }
}

package io.hiveiot.tracking.tracker;

import io.hiveiot.tracking.tracker.BadTrackerMessage.Kind;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Carries out a parsed message for a client of {@code account}: finds the device by (account, uid) on a read
 * thread, checks the key, then updates, pings or publishes. The future completes once the change is
 * committed, with the refusal when there is one (nothing changed then); it fails only for storage problems.
 */
public final class TrackerCommands {

    private static final BadTrackerMessage UNKNOWN =
            new BadTrackerMessage(Kind.NOT_AUTHORIZED, "unknown uid or wrong key");

    private final TrackerStore store;
    private final TrackerPublisher publisher;
    private final TrackerConnections connections;
    private final TrackerMetrics metrics;
    private final Clock clock;

    public TrackerCommands(
            final TrackerStore store,
            final TrackerPublisher publisher,
            final TrackerConnections connections,
            final TrackerMetrics metrics,
            final Clock clock) {
        this.store = store;
        this.publisher = publisher;
        this.connections = connections;
        this.metrics = metrics;
        this.clock = clock;
    }

    public CompletableFuture<Optional<BadTrackerMessage>> execute(
            final String account, final String brokerClientId, final TrackerMessage message) {
        // A device of another account is simply not found: the answer reveals nothing about other tenants.
        return store.find(account, message.uid()).thenCompose(found -> {
            final String storedHash =
                    found.map(TrackerStore.Credentialed::keyHash).orElse(null);
            if (!TrackerKeys.matches(message.key(), storedHash)) {
                return refused(UNKNOWN);
            }
            final Tracker tracker = found.get().tracker();
            return switch (message.command()) {
                case UPDATE -> update(tracker, brokerClientId, message.reported());
                case PING -> ping(tracker, brokerClientId);
                case GET -> get(tracker);
            };
        });
    }

    private CompletableFuture<Optional<BadTrackerMessage>> update(
            final Tracker tracker, final String brokerClientId, final Reported reported) {
        final long now = clock.millis();
        return store.update(tracker.id(), reported, brokerClientId, now).thenApply(updated -> {
            if (updated.isEmpty()) {
                return Optional.of(UNKNOWN);
            }
            metrics.updates.inc();
            connections.reported(brokerClientId, tracker.id());
            publisher.updated(updated.get(), now);
            return Optional.empty();
        });
    }

    private CompletableFuture<Optional<BadTrackerMessage>> ping(final Tracker tracker, final String brokerClientId) {
        return store.ping(tracker.id(), brokerClientId, clock.millis()).thenApply(count -> {
            if (count == 0) {
                return Optional.of(UNKNOWN);
            }
            metrics.pings.inc();
            connections.reported(brokerClientId, tracker.id());
            return Optional.empty();
        });
    }

    private CompletableFuture<Optional<BadTrackerMessage>> get(final Tracker tracker) {
        if (tracker.publishTopic().isEmpty()) {
            return refused(new BadTrackerMessage(
                    Kind.NO_PUBLISH_TOPIC,
                    "the device has no publish topic; set one in its settings (tracking service device.update)"));
        }
        metrics.gets.inc();
        return publisher.document(tracker, tracker.publishTopic().get()).thenApply(sent -> Optional.empty());
    }

    private static CompletableFuture<Optional<BadTrackerMessage>> refused(final BadTrackerMessage refusal) {
        return CompletableFuture.completedFuture(Optional.of(refusal));
    }
}

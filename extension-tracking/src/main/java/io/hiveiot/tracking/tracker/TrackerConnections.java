package io.hiveiot.tracking.tracker;

import com.hivemq.extension.sdk.api.services.Services;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets a tracking device's connection status follow the MQTT connection it reports through: every accepted
 * update or ping remembers (connection, device), and when that connection closes its devices are marked
 * disconnected, unless another connection has reported for them since (the store checks the client ID).
 */
public final class TrackerConnections {

    private static final Logger log = LoggerFactory.getLogger(TrackerConnections.class);

    private final TrackerStore store;
    private final ConcurrentHashMap<String, Set<String>> byClient = new ConcurrentHashMap<>();

    public TrackerConnections(final TrackerStore store) {
        this.store = store;
    }

    void reported(final String brokerClientId, final String trackerId) {
        final var created = new boolean[1];
        byClient.computeIfAbsent(brokerClientId, id -> {
                    created[0] = true;
                    return ConcurrentHashMap.newKeySet();
                })
                .add(trackerId);
        if (created[0]) {
            // The connection may have closed while its first report was being stored: no disconnect event
            // would follow then, and the device would stay connected.
            Services.clientService().isClientConnected(brokerClientId).thenAccept(connected -> {
                if (!connected) {
                    closed(brokerClientId);
                }
            });
        }
    }

    /** The connection of {@code brokerClientId} closed. */
    public void closed(final String brokerClientId) {
        final Set<String> trackers = byClient.remove(brokerClientId);
        if (trackers == null || trackers.isEmpty()) {
            return;
        }
        store.disconnected(Set.copyOf(trackers), brokerClientId).whenComplete((count, failure) -> {
            if (failure != null) {
                log.warn(
                        "hive-iot-tracking: connection status of {} not updated: {}",
                        brokerClientId,
                        failure.toString());
            }
        });
    }
}

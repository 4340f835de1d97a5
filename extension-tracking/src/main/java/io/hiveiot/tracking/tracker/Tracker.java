package io.hiveiot.tracking.tracker;

import io.hiveiot.tracking.schema.tables.records.TrackerRecord;

import java.util.Optional;

/**
 * A tracking device as stored, without its key hash.
 *
 * @param id             internal id: history and membership are keyed by it, never by the uid
 * @param units          {@code data1_unit..data4_unit}
 * @param publishTopic   where its document is published, inside {@code accounts/<account>/}
 * @param publishEnabled publish the document after every update
 * @param reported       its latest values
 * @param lastSeen       epoch millis of its last update or ping
 */
public record Tracker(
        String id,
        String account,
        String uid,
        String name,
        String type,
        String[] units,
        boolean publishEnabled,
        Optional<String> publishTopic,
        Reported reported,
        boolean connected,
        Optional<Long> lastSeen,
        long createdAt) {

    static Tracker of(final TrackerRecord row) {
        return new Tracker(
                row.getId(),
                row.getAccount(),
                row.getUid(),
                row.getName(),
                row.getType(),
                new String[] {row.getData1Unit(), row.getData2Unit(), row.getData3Unit(), row.getData4Unit()},
                row.getPublishEnabled(),
                Optional.ofNullable(row.getPublishTopic()),
                new Reported(row.getLongitude(), row.getLatitude(), new String[] {
                    row.getData1(), row.getData2(), row.getData3(), row.getData4()
                }),
                row.getConnected(),
                Optional.ofNullable(row.getLastSeen()),
                row.getCreatedAt());
    }

    public String unit(final int index) {
        return units[index];
    }
}

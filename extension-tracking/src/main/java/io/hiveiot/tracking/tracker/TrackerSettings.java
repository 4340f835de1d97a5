package io.hiveiot.tracking.tracker;

import java.util.List;
import java.util.Optional;

/**
 * Changes to a device's settings; an empty field stays as it is.
 *
 * @param units        {@code data1_unit..data4_unit}, four elements
 * @param publishTopic a new topic, or {@code Optional.of(Optional.empty())} to remove it
 */
public record TrackerSettings(
        Optional<String> name,
        Optional<String> type,
        List<Optional<String>> units,
        Optional<Boolean> publishEnabled,
        Optional<Optional<String>> publishTopic) {

    public TrackerSettings {
        units = List.copyOf(units);
        if (units.size() != Reported.DATA_FIELDS) {
            throw new IllegalArgumentException("data1..data4 units expected");
        }
    }

    /** Changes nothing. */
    public static TrackerSettings none() {
        return new TrackerSettings(
                Optional.empty(),
                Optional.empty(),
                List.of(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                Optional.empty(),
                Optional.empty());
    }
}

package io.hiveiot.tracking.group;

import java.util.Optional;

/**
 * {@code <family>/<device or group>/<version>/<type>}, the foxtrackr layout (e.g.
 * {@code foxtrackr/12345/V3.0/bat}).
 */
public record FamilyTopic(String family, String device, String version, String type) {

    public static Optional<FamilyTopic> parse(final String topic) {
        final String[] levels = topic.split("/", -1);
        if (levels.length != 4) {
            return Optional.empty();
        }
        for (final String level : levels) {
            if (level.isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of(new FamilyTopic(levels[0], levels[1], levels[2], levels[3]));
    }

    /** The same message's topic for a group (or another device) of the family. */
    public String withDevice(final String deviceOrGroup) {
        return family + "/" + deviceOrGroup + "/" + version + "/" + type;
    }

    @Override
    public String toString() {
        return withDevice(device);
    }
}

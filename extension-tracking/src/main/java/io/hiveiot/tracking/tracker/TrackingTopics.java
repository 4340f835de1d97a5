package io.hiveiot.tracking.tracker;

/** The configured tracking prefix: the topic itself and every topic below it carry iotBind messages. */
public final class TrackingTopics {

    private final String prefix;
    private final String below;

    /** @param prefix e.g. {@code iotbind/tracking} */
    public TrackingTopics(final String prefix) {
        this.prefix = prefix;
        this.below = prefix + "/";
    }

    public boolean isTracking(final String topic) {
        return topic.equals(prefix) || topic.startsWith(below);
    }
}

package io.hiveiot.tracking.tracker;

/**
 * One parsed iotBind message.
 *
 * @param uid      the tracking device's unique id
 * @param key      its API key, as sent (a secret: never logged)
 * @param command  what the message asks for
 * @param reported the values of an update; empty for {@code get} and {@code ping}
 */
public record TrackerMessage(String uid, String key, Command command, Reported reported) {

    public enum Command {
        /** No {@code cmd}: new values. */
        UPDATE,
        /** {@code cmd:"get"}: publish the device's document to its topic. */
        GET,
        /** {@code cmd:"ping"}: the device is alive. */
        PING
    }

    @Override
    public String toString() {
        return "TrackerMessage[uid=" + uid + ", command=" + command + "]";
    }
}

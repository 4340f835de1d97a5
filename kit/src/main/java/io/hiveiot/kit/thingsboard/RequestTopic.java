package io.hiveiot.kit.thingsboard;

import java.util.OptionalInt;

/**
 * The device topics that end in a request id. ThingsBoard matches them by prefix and reads the rest of the topic
 * with {@link Integer#parseInt}, so the id is any Java int: {@code -1}, {@code +7} and {@code 007} are ids,
 * {@code 1.0}, {@code 2147483648}, {@code 5/x} and an empty id are not. A negative id is valid, but ThingsBoard
 * sends no attribute response to it.
 */
public enum RequestTopic {
    ATTRIBUTE_REQUEST(DeviceTopic.ATTRIBUTE_REQUEST_PREFIX),
    RPC_REQUEST(DeviceTopic.RPC_REQUEST_PREFIX),
    RPC_RESPONSE(DeviceTopic.RPC_RESPONSE_PREFIX);

    private final String prefix;

    RequestTopic(final String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    public boolean matches(final String topic) {
        return topic.startsWith(prefix);
    }

    /**
     * The id at the end of a topic that {@link #matches} this kind.
     *
     * @return empty when the rest of the topic is not an int as ThingsBoard reads it
     */
    public OptionalInt requestId(final String topic) {
        if (!matches(topic)) {
            throw new IllegalArgumentException("not a " + name() + " topic");
        }
        try {
            return OptionalInt.of(Integer.parseInt(topic.substring(prefix.length())));
        } catch (final NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** The topic of request {@code id} of this kind. */
    public String topic(final int id) {
        return prefix + id;
    }
}

package io.hiveiot.deviceapi.payload;

import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.BAD_REQUEST_ID;

/**
 * The device topics that end in a request id. ThingsBoard matches them by prefix and reads the rest of the topic
 * with {@link Integer#parseInt} ({@code JsonMqttAdaptor.getRequestId}), so the id is any Java int: {@code -1},
 * {@code +7} and {@code 007} are ids, {@code 1.0}, {@code 2147483648}, {@code 5/x} and an empty id are bad
 * payloads. A negative id is valid, but ThingsBoard sends no attribute response to it.
 */
public enum RequestTopic {

    ATTRIBUTE_REQUEST("v1/devices/me/attributes/request/"),
    RPC_REQUEST("v1/devices/me/rpc/request/"),
    RPC_RESPONSE("v1/devices/me/rpc/response/");

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

    /** The id at the end of a topic that {@link #matches} this kind. */
    public int requestId(final String topic) throws BadPayloadException {
        if (!matches(topic)) {
            throw new IllegalArgumentException("not a " + name() + " topic");
        }
        try {
            return Integer.parseInt(topic.substring(prefix.length()));
        } catch (final NumberFormatException e) {
            throw new BadPayloadException(BAD_REQUEST_ID, "request id in the topic must be an integer");
        }
    }
}

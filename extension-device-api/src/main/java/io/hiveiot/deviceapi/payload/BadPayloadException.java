package io.hiveiot.deviceapi.payload;

/**
 * A device sent something we will not store. The message is the client-facing reason: short, fixed text
 * plus numbers at most, never payload content, so it can go out unchanged as an MQTT 5 reason string.
 * ThingsBoard answers the same situations with PUBACK 0x99 (MQTT 5) or a disconnect (MQTT 3.1.1).
 */
public final class BadPayloadException extends Exception {

    /** What went wrong, for metrics. */
    public enum Kind {
        /** Not JSON at all, or an empty payload. */
        INVALID_JSON,
        /** Valid JSON of the wrong shape: a bare primitive, a non-object array element, a non-numeric ts... */
        WRONG_SHAPE,
        /** Valid and well-shaped, but beyond one of the {@link PayloadLimits}. */
        LIMIT_EXCEEDED,
        /** The request id in the topic is not a Java int. */
        BAD_REQUEST_ID,
        /** Not a message of the Protocol Buffers schema the topic expects, or the profile's schema is unusable. */
        INVALID_PROTOBUF
    }

    private final Kind kind;

    public BadPayloadException(final Kind kind, final String reason) {
        // No stack trace: a hostile client can send bad payloads in a loop, and the trace says nothing
        // about the payload anyway.
        super(reason, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The client-facing reason, the same as {@link #getMessage()}. */
    public String reason() {
        return getMessage();
    }
}

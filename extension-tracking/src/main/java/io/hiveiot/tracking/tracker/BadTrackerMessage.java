package io.hiveiot.tracking.tracker;

import java.util.Locale;

/** A tracking message that changes nothing; {@link #reason()} is safe to send back to the client. */
public final class BadTrackerMessage extends Exception {

    /** The metric and the reason code of each kind of refusal. */
    public enum Kind {
        INVALID_JSON(false),
        WRONG_SHAPE(false),
        UNKNOWN_CMD(false),
        BAD_COORDINATES(false),
        VALUE_TOO_LONG(false),
        /** Beyond {@link TrackerMessageParser#MAX_PAYLOAD_BYTES}: no tracker sends that much. */
        TOO_LARGE(false),
        /** Missing or wrong uid/key, or a device of another account: all look the same to the sender. */
        NOT_AUTHORIZED(true),
        /** {@code get} for a device without a publish topic. */
        NO_PUBLISH_TOPIC(false);

        private final boolean authorization;

        Kind(final boolean authorization) {
            this.authorization = authorization;
        }

        /** A refusal of the sender (0x87) rather than of its payload (0x99). */
        public boolean isAuthorization() {
            return authorization;
        }

        /** {@code INVALID_JSON} becomes {@code invalid-json}. */
        public String metricName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Kind kind;

    public BadTrackerMessage(final Kind kind, final String reason) {
        super(reason, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public String reason() {
        return getMessage();
    }
}

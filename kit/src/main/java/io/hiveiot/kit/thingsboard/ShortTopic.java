package io.hiveiot.kit.thingsboard;

import java.util.List;
import java.util.Optional;

/**
 * ThingsBoard's short device topics ({@code v2/...}): the same API as {@code v1/devices/me/...} in fewer bytes.
 * Each comes in three forms: the plain one uses the payload type of the device's profile, {@code /j} is always
 * JSON and {@code /p} always Protocol Buffers. The firmware topics {@code v2/fw/...} and {@code v2/sw/...} are
 * {@link DeviceTopic}'s.
 */
public enum ShortTopic {
    TELEMETRY("v2/t", false),
    ATTRIBUTES("v2/a", false),
    ATTRIBUTE_REQUEST("v2/a/req/", true),
    ATTRIBUTE_RESPONSE("v2/a/res/", true),
    RPC_REQUEST("v2/r/req/", true),
    RPC_RESPONSE("v2/r/res/", true);

    /** Where the payload type of a publish comes from. */
    public enum Format {
        /** The device profile's payload type. */
        PROFILE(""),
        JSON("j"),
        PROTOBUF("p");

        private final String suffix;

        Format(final String suffix) {
            this.suffix = suffix;
        }
    }

    /** A short topic a device published on: its kind, its payload type and, for a request topic, its id part. */
    public record Parsed(ShortTopic kind, Format format, String rest) {}

    public static final String NAMESPACE = "v2/";

    private final String base;
    private final boolean endsInId;

    ShortTopic(final String base, final boolean endsInId) {
        this.base = base;
        this.endsInId = endsInId;
    }

    /**
     * The topic of this kind in a format: {@code v2/t/j}, or for a request kind the prefix before the id,
     * {@code v2/a/res/j/}.
     */
    public String topic(final Format format) {
        if (format == Format.PROFILE) {
            return base;
        }
        return endsInId ? base + format.suffix + "/" : base + "/" + format.suffix;
    }

    /** The filter that receives this kind in a format: {@code v2/a/j}, {@code v2/r/req/+}. */
    public String filter(final Format format) {
        return endsInId ? topic(format) + "+" : topic(format);
    }

    /**
     * Reads a topic as ThingsBoard matches it: exact for telemetry and attributes, by prefix for the request
     * kinds, the {@code /j} and {@code /p} prefixes before the plain one (so {@code v2/a/req/j/5} is a JSON request
     * with id {@code 5}, not a request with id {@code j/5}).
     */
    public static Optional<Parsed> parse(final String topic) {
        if (!topic.startsWith(NAMESPACE)) {
            return Optional.empty();
        }
        for (final ShortTopic kind : values()) {
            for (final Format format : List.of(Format.JSON, Format.PROTOBUF, Format.PROFILE)) {
                final String name = kind.topic(format);
                if (kind.endsInId ? topic.startsWith(name) : topic.equals(name)) {
                    return Optional.of(new Parsed(kind, format, kind.endsInId ? topic.substring(name.length()) : ""));
                }
            }
        }
        return Optional.empty();
    }
}

package io.hiveiot.cli.output;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** Epoch milliseconds, as the services send them, shown to people as ISO 8601 UTC. */
public final class Timestamps {

    private Timestamps() {}

    public static String format(final JsonNode epochMillis) {
        if (epochMillis == null || !epochMillis.canConvertToLong()) {
            return Table.cell(epochMillis);
        }
        return Instant.ofEpochMilli(epochMillis.asLong()).toString();
    }
}

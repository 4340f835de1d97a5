package io.hiveiot.deviceapi.payload;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.WRONG_SHAPE;

/**
 * Parses a {@code v1/devices/me/attributes} payload (client-side attributes): one JSON object, typed like
 * telemetry ({@code JsonConverter.convertToAttributesProto}). There is no ts form: {@code {"ts":1,"values":{..}}}
 * stores the attributes {@code ts} and {@code values}. {@code {}} is accepted and stores nothing.
 */
public final class AttributesParser {

    private final PayloadLimits limits;
    private final LenientJsonReader reader;

    public AttributesParser(final PayloadLimits limits) {
        this.limits = limits;
        this.reader = new LenientJsonReader(limits);
    }

    public List<KeyValue> parse(final byte[] payload) throws BadPayloadException {
        final JsonNode root = reader.read(payload);
        if (!root.isObject()) {
            throw new BadPayloadException(WRONG_SHAPE, "attributes must be a JSON object");
        }
        return List.copyOf(new EntryReader(limits).read(root));
    }
}

package io.hiveiot.deviceapi.payload;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.LIMIT_EXCEEDED;
import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.WRONG_SHAPE;

/**
 * Turns the members of JSON objects into typed entries, checking keys and counting entries across one whole
 * message. One instance per message.
 */
final class EntryReader {

    private final PayloadLimits limits;
    private final ValueTyping typing;
    private int entries;

    EntryReader(final PayloadLimits limits) {
        this.limits = limits;
        this.typing = new ValueTyping(limits);
    }

    /** The entries of one object in member order; null members are skipped silently, as ThingsBoard does. */
    List<KeyValue> read(final JsonNode object) throws BadPayloadException {
        final List<KeyValue> result = new ArrayList<>(object.size());
        for (final Map.Entry<String, JsonNode> member : object.properties()) {
            if (member.getValue().isNull()) {
                continue;
            }
            checkKey(member.getKey());
            if (++entries > limits.maxKeysPerMessage()) {
                throw new BadPayloadException(
                        LIMIT_EXCEEDED, "more than " + limits.maxKeysPerMessage() + " keys in one message");
            }
            result.add(new KeyValue(member.getKey(), typing.type(member.getValue())));
        }
        return result;
    }

    private void checkKey(final String key) throws BadPayloadException {
        // ThingsBoard's JSON converter does not look at keys. An empty key is refused here, which also keeps
        // an attribute request for the key "" answered with nothing, as in ThingsBoard.
        if (key.isEmpty()) {
            throw new BadPayloadException(WRONG_SHAPE, "empty key");
        }
        if (key.length() > limits.maxKeyLength()) {
            throw new BadPayloadException(LIMIT_EXCEEDED, "key longer than " + limits.maxKeyLength() + " characters");
        }
    }
}

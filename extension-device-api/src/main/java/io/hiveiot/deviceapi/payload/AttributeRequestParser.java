package io.hiveiot.deviceapi.payload;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.LIMIT_EXCEEDED;
import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.WRONG_SHAPE;

/**
 * Parses a {@code v1/devices/me/attributes/request/{id}} payload such as
 * {@code {"clientKeys":"k1,k2","sharedKeys":"fw_version,fw_title"}}, as ThingsBoard's
 * {@code JsonMqttAdaptor.processGetAttributeRequestMsg} and the device actor's {@code getAttributesKvEntries} do:
 * <ul>
 *   <li>each field is one comma-separated string, split with {@link String#split} and not trimmed
 *       ({@code "a, b"} asks for {@code "a"} and {@code " b"}; trailing empty keys vanish, so {@code "a,"} is
 *       {@code "a"}); duplicates count once;</li>
 *   <li>the field's value is read with Gson's {@code getAsString}: numbers and booleans as written, a one-element
 *       array as its element; null, objects and other arrays are a bad payload;</li>
 *   <li>when neither field names a key (both absent, as in {@code {}}) the request is for all client and all
 *       shared attributes; otherwise an absent field asks for nothing of its scope;</li>
 *   <li>{@code "sharedKeys":""} asks for the single key {@code ""}, which never exists.</li>
 * </ul>
 * The key limits apply to requests too: at most {@code maxKeysPerMessage} distinct keys, each at most
 * {@code maxKeyLength} long. Empty keys are allowed here, unlike in stored data.
 */
public final class AttributeRequestParser {

    private final PayloadLimits limits;
    private final LenientJsonReader reader;

    public AttributeRequestParser(final PayloadLimits limits) {
        this.limits = limits;
        this.reader = new LenientJsonReader(limits);
    }

    public AttributeRequest parse(final byte[] payload) throws BadPayloadException {
        final JsonNode root = reader.read(payload);
        if (!root.isObject()) {
            throw new BadPayloadException(WRONG_SHAPE, "attribute request must be a JSON object");
        }
        final Set<String> client = keys(root, "clientKeys");
        final Set<String> shared = keys(root, "sharedKeys");
        if (client.size() + shared.size() > limits.maxKeysPerMessage()) {
            throw new BadPayloadException(
                    LIMIT_EXCEEDED, "more than " + limits.maxKeysPerMessage() + " keys in one request");
        }
        // The device actor asks for everything only when both key lists are empty; "," splits into no keys.
        if (client.isEmpty() && shared.isEmpty()) {
            return AttributeRequest.EVERYTHING;
        }
        return new AttributeRequest(KeySelection.of(client), KeySelection.of(shared));
    }

    private Set<String> keys(final JsonNode request, final String field) throws BadPayloadException {
        final JsonNode value = request.get(field);
        if (value == null) {
            return Set.of();
        }
        final Optional<String> list = GsonCoercion.asString(value);
        if (list.isEmpty()) {
            throw new BadPayloadException(WRONG_SHAPE, field + " must be a comma-separated string");
        }
        final Set<String> keys = new LinkedHashSet<>(Arrays.asList(list.get().split(",")));
        for (final String key : keys) {
            if (key.length() > limits.maxKeyLength()) {
                throw new BadPayloadException(
                        LIMIT_EXCEEDED, "key longer than " + limits.maxKeyLength() + " characters");
            }
        }
        return keys;
    }
}

package io.hiveiot.deviceapi.protobuf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import io.hiveiot.deviceapi.payload.BadPayloadException;
import io.hiveiot.deviceapi.payload.KeyValue;
import io.hiveiot.deviceapi.payload.PayloadLimits;
import io.hiveiot.deviceapi.payload.TypedValue;

import java.io.IOException;

import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.INVALID_PROTOBUF;
import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.LIMIT_EXCEEDED;
import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.WRONG_SHAPE;

/**
 * ThingsBoard's {@code KeyValueProto}: a key and a value of one of its five types, kept as the gateway typed it
 * (ThingsBoard's {@code ProtoConverter} does not cast strings), a JSON value checked to be JSON.
 */
final class KeyValues {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KeyValues() {}

    static KeyValue read(final DynamicMessage kv, final PayloadLimits limits) throws BadPayloadException {
        final String key = TransportMessages.string(kv, "key");
        if (key.isEmpty() || key.length() > limits.maxKeyLength()) {
            throw new BadPayloadException(
                    key.isEmpty() ? WRONG_SHAPE : LIMIT_EXCEEDED,
                    key.isEmpty() ? "empty key" : "key longer than " + limits.maxKeyLength() + " characters");
        }
        final var type = (Descriptors.EnumValueDescriptor) TransportMessages.value(kv, "type");
        final TypedValue value = switch (type.getName()) {
            case "BOOLEAN_V" -> new TypedValue.BooleanValue((Boolean) TransportMessages.value(kv, "bool_v"));
            case "LONG_V" -> new TypedValue.LongValue((Long) TransportMessages.value(kv, "long_v"));
            case "DOUBLE_V" -> doubleValue((Double) TransportMessages.value(kv, "double_v"));
            case "STRING_V" -> new TypedValue.StringValue(text(TransportMessages.string(kv, "string_v"), limits));
            case "JSON_V" -> json(text(TransportMessages.string(kv, "json_v"), limits));
            default -> throw new BadPayloadException(INVALID_PROTOBUF, "unknown value type of key " + key);
        };
        return new KeyValue(key, value);
    }

    static DynamicMessage write(final KeyValue entry) {
        final DynamicMessage.Builder kv = TransportMessages.builder("KeyValueProto");
        TransportMessages.set(kv, "key", entry.key());
        final Descriptors.EnumDescriptor types =
                kv.getDescriptorForType().findFieldByName("type").getEnumType();
        final TypedValue value = entry.value();
        if (value instanceof TypedValue.BooleanValue bool) {
            TransportMessages.set(kv, "type", types.findValueByName("BOOLEAN_V"));
            TransportMessages.set(kv, "bool_v", bool.value());
        } else if (value instanceof TypedValue.LongValue number) {
            TransportMessages.set(kv, "type", types.findValueByName("LONG_V"));
            TransportMessages.set(kv, "long_v", number.value());
        } else if (value instanceof TypedValue.DoubleValue number) {
            TransportMessages.set(kv, "type", types.findValueByName("DOUBLE_V"));
            TransportMessages.set(kv, "double_v", number.value());
        } else if (value instanceof TypedValue.StringValue text) {
            TransportMessages.set(kv, "type", types.findValueByName("STRING_V"));
            TransportMessages.set(kv, "string_v", text.value());
        } else {
            TransportMessages.set(kv, "type", types.findValueByName("JSON_V"));
            TransportMessages.set(kv, "json_v", value.toJson());
        }
        return kv.build();
    }

    private static TypedValue doubleValue(final double value) throws BadPayloadException {
        if (!Double.isFinite(value)) {
            throw new BadPayloadException(WRONG_SHAPE, "a DOUBLE value must be finite");
        }
        return new TypedValue.DoubleValue(value);
    }

    private static String text(final String value, final PayloadLimits limits) throws BadPayloadException {
        if (value.length() > limits.maxValueLength()) {
            throw new BadPayloadException(
                    LIMIT_EXCEEDED, "string value longer than " + limits.maxValueLength() + " characters");
        }
        return value;
    }

    private static TypedValue json(final String text) throws BadPayloadException {
        try {
            return new TypedValue.JsonValue(JSON.readTree(text).toString());
        } catch (final IOException | RuntimeException e) {
            throw new BadPayloadException(WRONG_SHAPE, "a JSON_V value is not JSON");
        }
    }
}

package io.hiveiot.deviceapi.protobuf;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import io.hiveiot.deviceapi.payload.BadPayloadException;

import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.INVALID_PROTOBUF;

/**
 * ThingsBoard's fixed messages ({@code thingsboard-transport.proto}), read and written as dynamic messages: a
 * field is named as in ThingsBoard's transport.proto.
 */
final class TransportMessages {

    private static final Descriptors.FileDescriptor FILE = Schemas.resource("thingsboard-transport.proto");

    private TransportMessages() {}

    static Descriptors.Descriptor type(final String name) {
        final Descriptors.Descriptor type = FILE.findMessageTypeByName(name);
        if (type == null) {
            throw new IllegalArgumentException("no message " + name + " in thingsboard-transport.proto");
        }
        return type;
    }

    static DynamicMessage parse(final String name, final byte[] payload) throws BadPayloadException {
        return parse(type(name), payload);
    }

    static DynamicMessage parse(final Descriptors.Descriptor type, final byte[] payload) throws BadPayloadException {
        try {
            return DynamicMessage.parseFrom(type, payload);
        } catch (final InvalidProtocolBufferException e) {
            throw new BadPayloadException(INVALID_PROTOBUF, "not a " + type.getName() + " message");
        }
    }

    static DynamicMessage.Builder builder(final String name) {
        return DynamicMessage.newBuilder(type(name));
    }

    static Descriptors.FieldDescriptor field(final Descriptors.Descriptor type, final String name) {
        return type.findFieldByName(name);
    }

    static String string(final DynamicMessage message, final String field) {
        return (String) message.getField(field(message.getDescriptorForType(), field));
    }

    static Object value(final DynamicMessage message, final String field) {
        return message.getField(field(message.getDescriptorForType(), field));
    }

    static java.util.List<?> list(final DynamicMessage message, final String field) {
        return (java.util.List<?>) message.getField(field(message.getDescriptorForType(), field));
    }

    static DynamicMessage.Builder set(final DynamicMessage.Builder builder, final String field, final Object value) {
        return builder.setField(field(builder.getDescriptorForType(), field), value);
    }

    static DynamicMessage.Builder add(final DynamicMessage.Builder builder, final String field, final Object value) {
        return builder.addRepeatedField(field(builder.getDescriptorForType(), field), value);
    }

    static ByteString bytes(final DynamicMessage message) {
        return message.toByteString();
    }
}

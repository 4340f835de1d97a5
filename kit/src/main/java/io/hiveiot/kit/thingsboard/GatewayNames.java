package io.hiveiot.kit.thingsboard;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The sub-device names a gateway publish carries, read the way ThingsBoard's gateway session reads them and nothing
 * more (the extension that stores the data parses the whole payload): the {@code device} member of a connect,
 * disconnect, attribute request or RPC response, the top-level member names of telemetry, attributes and claims;
 * in a gateway whose profile speaks Protocol Buffers, the {@code deviceName} fields of ThingsBoard's fixed gateway
 * messages. Values are skipped unread, so this costs a fraction of the full parse; only their kind is checked
 * (telemetry an array, attributes and claims an object), so that a message refused for its shape names nobody and
 * creates no sub-device.
 */
public final class GatewayNames {

    private GatewayNames() {}

    /**
     * @return the distinct names in payload order; empty when the payload has not the shape of {@code topic}
     *         (the extension that parses it refuses it then), or for a topic that names no sub-device
     */
    public static Optional<List<String>> of(
            final String topic, final byte[] payload, final DeviceProfile.PayloadType payloadType) {
        try {
            final Optional<List<String>> names =
                    payloadType == DeviceProfile.PayloadType.PROTOBUF ? protobuf(topic, payload) : json(topic, payload);
            return names.filter(list -> list.stream().noneMatch(String::isEmpty));
        } catch (final IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean namedByMembers(final String topic) {
        return topic.equals(GatewayTopic.TELEMETRY)
                || topic.equals(GatewayTopic.ATTRIBUTES)
                || topic.equals(GatewayTopic.CLAIM);
    }

    private static boolean namedByDevice(final String topic) {
        return topic.equals(GatewayTopic.CONNECT)
                || topic.equals(GatewayTopic.DISCONNECT)
                || topic.equals(GatewayTopic.ATTRIBUTES_REQUEST)
                || topic.equals(GatewayTopic.RPC);
    }

    private static Optional<List<String>> json(final String topic, final byte[] payload) throws IOException {
        if (!namedByMembers(topic) && !namedByDevice(topic)) {
            return Optional.empty();
        }
        try (JsonReader reader = LenientJson.reader(payload)) {
            if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                return Optional.empty();
            }
            reader.beginObject();
            final Set<String> members = new LinkedHashSet<>();
            final JsonToken memberValue =
                    topic.equals(GatewayTopic.TELEMETRY) ? JsonToken.BEGIN_ARRAY : JsonToken.BEGIN_OBJECT;
            String device = null;
            while (reader.hasNext()) {
                final String name = reader.nextName();
                final JsonToken value = reader.peek();
                if (namedByMembers(topic) && value != memberValue) {
                    return Optional.empty();
                }
                members.add(name);
                if (name.equals("device") && value == JsonToken.STRING) {
                    device = reader.nextString();
                } else {
                    if (name.equals("device")) {
                        device = null;
                    }
                    reader.skipValue();
                }
            }
            reader.endObject();
            if (namedByMembers(topic)) {
                return Optional.of(List.copyOf(members));
            }
            return device == null ? Optional.empty() : Optional.of(List.of(device));
        }
    }

    private static Optional<List<String>> protobuf(final String topic, final byte[] payload) throws IOException {
        if (namedByMembers(topic)) {
            final Set<String> names = new LinkedHashSet<>();
            for (final byte[] entry : new WireFields(payload).bytes(1)) {
                final List<byte[]> name = new WireFields(entry).bytes(1);
                names.add(name.isEmpty() ? "" : utf8(name.get(name.size() - 1)));
            }
            return Optional.of(List.copyOf(names));
        }
        if (namedByDevice(topic)) {
            final int field = topic.equals(GatewayTopic.ATTRIBUTES_REQUEST) ? 2 : 1;
            final List<byte[]> name = new WireFields(payload).bytes(field);
            return name.isEmpty() ? Optional.empty() : Optional.of(List.of(utf8(name.get(name.size() - 1))));
        }
        return Optional.empty();
    }

    private static String utf8(final byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The length-delimited fields of one protobuf message with a given number, in order; malformed input throws. */
    private static final class WireFields {

        private final byte[] bytes;
        private int position;

        WireFields(final byte[] bytes) {
            this.bytes = bytes;
        }

        List<byte[]> bytes(final int wanted) throws IOException {
            final List<byte[]> found = new ArrayList<>();
            while (position < bytes.length) {
                final long tag = varint();
                final int field = (int) (tag >>> 3);
                switch ((int) (tag & 7)) {
                    case 0 -> varint();
                    case 1 -> skip(8);
                    case 5 -> skip(4);
                    case 2 -> {
                        final long length = varint();
                        if (length < 0 || length > bytes.length - position) {
                            throw new IOException("truncated field");
                        }
                        if (field == wanted) {
                            final byte[] value = new byte[(int) length];
                            System.arraycopy(bytes, position, value, 0, value.length);
                            found.add(value);
                        }
                        position += (int) length;
                    }
                    default -> throw new IOException("unsupported wire type");
                }
                if (field == 0) {
                    throw new IOException("field number 0");
                }
            }
            return found;
        }

        private long varint() throws IOException {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (position >= bytes.length) {
                    throw new IOException("truncated varint");
                }
                final byte b = bytes[position++];
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
            throw new IOException("varint too long");
        }

        private void skip(final int count) throws IOException {
            if (count > bytes.length - position) {
                throw new IOException("truncated field");
            }
            position += count;
        }
    }
}

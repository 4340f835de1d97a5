package io.hiveiot.firmware.chunk;

import io.hiveiot.firmware.pkg.PackageType;

import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code v2/fw/request/{requestId}/chunk/{n}} (or {@code v2/sw/...}) with the chunk size as ASCII decimal text in the
 * payload. Parsing is strict, as the topic and payload come from the network: ids are decimal digits of bounded
 * length, the size is digits only (empty or 0 = none given).
 *
 * @param size the size the device asked for; empty when it sent none (or 0)
 */
public record ChunkRequest(PackageType type, String requestId, int chunk, OptionalInt size) {

    private static final Pattern TOPIC = Pattern.compile("v2/(fw|sw)/request/(\\d{1,18})/chunk/(\\d{1,9})");
    private static final int MAX_SIZE_DIGITS = 18;

    /** The request in a publish; thrown {@link BadChunkRequest} names what is wrong with it. */
    public static ChunkRequest parse(final String topic, final byte[] payload) throws BadChunkRequest {
        final Matcher matcher = TOPIC.matcher(topic);
        if (!matcher.matches()) {
            throw new BadChunkRequest(
                    OtaError.BAD_REQUEST, "expected v2/fw/request/{requestId}/chunk/{chunk} with decimal ids");
        }
        final PackageType type = PackageType.ofPrefix(matcher.group(1)).orElseThrow();
        return new ChunkRequest(type, matcher.group(2), Integer.parseInt(matcher.group(3)), size(payload));
    }

    private static OptionalInt size(final byte[] payload) throws BadChunkRequest {
        final String text = new String(payload, StandardCharsets.US_ASCII).strip();
        if (text.isEmpty()) {
            return OptionalInt.empty();
        }
        if (text.length() > MAX_SIZE_DIGITS || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new BadChunkRequest(OtaError.INVALID_CHUNK_SIZE, "the payload must be the chunk size in decimal");
        }
        final long size = Long.parseLong(text);
        if (size > Integer.MAX_VALUE) {
            throw new BadChunkRequest(OtaError.PAYLOAD_TOO_LARGE, "chunk size too large");
        }
        return size == 0 ? OptionalInt.empty() : OptionalInt.of((int) size);
    }

    /** Where the chunk goes: {@code v2/fw/response/{requestId}/chunk/{n}}. */
    public String responseTopic() {
        return "v2/" + type.prefix() + "/response/" + requestId + "/chunk/" + chunk;
    }

    /** The reply subscription that lets {@code publishToClient} reach a device subscribed to something else. */
    public static String responseFilter(final PackageType type) {
        return "v2/" + type.prefix() + "/response/+/chunk/+";
    }

    /** The key a request id's remembered state is kept under (fw and sw ids are separate). */
    String memoryKey() {
        return type.prefix() + '/' + requestId;
    }
}

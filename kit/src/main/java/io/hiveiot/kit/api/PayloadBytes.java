package io.hiveiot.kit.api;

import java.nio.ByteBuffer;
import java.util.Optional;

/** A publish's payload as bytes, without moving the position of the broker's buffer. */
public final class PayloadBytes {

    private PayloadBytes() {}

    /** The payload's bytes; an absent payload is empty. */
    public static byte[] of(final Optional<ByteBuffer> payload) {
        if (payload.isEmpty()) {
            return new byte[0];
        }
        final ByteBuffer buffer = payload.get().asReadOnlyBuffer();
        final byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}

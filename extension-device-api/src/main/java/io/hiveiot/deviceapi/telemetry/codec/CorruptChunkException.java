package io.hiveiot.deviceapi.telemetry.codec;

/** Stored bytes that no encoder of this code wrote: a damaged file, or a format of a newer release. */
public final class CorruptChunkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CorruptChunkException(final String message) {
        super(message);
    }
}

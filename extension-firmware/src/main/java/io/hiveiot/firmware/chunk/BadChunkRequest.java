package io.hiveiot.firmware.chunk;

/** A chunk request that is answered with an error instead of a chunk. */
public final class BadChunkRequest extends Exception {

    private final OtaError error;

    public BadChunkRequest(final OtaError error, final String reason) {
        super(reason, null, false, false);
        this.error = error;
    }

    public OtaError error() {
        return error;
    }
}

package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.deviceapi.telemetry.codec.Points;

/**
 * The points of one stored message with their series ids: what an append adds to its batch's ingest row, in the
 * form {@link IngestCodec} writes, and once committed hands to the heads.
 */
record IngestMessage(int[] series, Points points, byte[] encoded) {

    static IngestMessage of(final int[] series, final Points points) {
        return new IngestMessage(series, points, IngestCodec.encode(series, points));
    }
}

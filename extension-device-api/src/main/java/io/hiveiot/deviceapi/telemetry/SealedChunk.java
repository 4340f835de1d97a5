package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.deviceapi.telemetry.codec.ChunkCodec;
import io.hiveiot.deviceapi.telemetry.codec.Points;

/**
 * A chunk ready to be written: the encoded points of one series (ts order, one per ts) with the range, seq and
 * summary its row stores.
 */
record SealedChunk(int series, long startTs, long endTs, long seq, NumericSummary summary, byte[] data, Points points) {

    static SealedChunk of(final int series, final SeriesRun run) {
        final Points points = run.points();
        return new SealedChunk(
                series,
                run.firstTs(),
                run.lastTs(),
                run.seq(),
                NumericSummary.of(points),
                ChunkCodec.encode(points),
                points);
    }

    int count() {
        return points.size();
    }
}

package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.deviceapi.telemetry.codec.Points;
import io.hiveiot.deviceapi.telemetry.codec.ValueCode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChunkMergeTest {

    private static final TelemetrySettings EIGHT =
            new TelemetrySettings(8, Duration.ofMillis(100), Duration.ofHours(1));

    @Test
    void cut_makesChunksOfTheChunkSize_aRestUnderHalfOfItJoiningTheLastOne() {
        assertEquals(List.of(8), sizes(points(8, 1)));
        assertEquals(List.of(11), sizes(points(11, 1)), "a rest of 3 joins");
        assertEquals(List.of(8, 4), sizes(points(12, 1)), "a rest of half a chunk is one");
        assertEquals(List.of(8, 11), sizes(points(19, 1)), "only the last chunk takes a rest");
    }

    @Test
    void cut_keepsTheSpan_evenForARest() {
        assertEquals(List.of(10), sizes(points(10, 11)), "with the rest the chunk spans 99 ms: it fits");
        assertEquals(List.of(8, 2), sizes(points(10, 12)), "it would span 108 ms: the rest is a chunk of its own");
        assertEquals(List.of(6, 4), sizes(points(10, 20)), "100 ms at most: 6 points 20 ms apart");
    }

    private static List<Integer> sizes(final Points points) {
        return ChunkMerge.cut(1, points, 7, EIGHT).stream()
                .map(SealedChunk::count)
                .toList();
    }

    private static Points points(final int count, final long step) {
        final Points points = new Points(count);
        for (int i = 0; i < count; i++) {
            points.add(i * step, ValueCode.LONG, i, null);
        }
        return points;
    }
}

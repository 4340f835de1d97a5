package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.deviceapi.payload.TypedValue.LongValue;
import io.hiveiot.deviceapi.storage.TestDatabase;
import io.hiveiot.deviceapi.telemetry.codec.Points;
import io.hiveiot.deviceapi.telemetry.codec.ValueCode;
import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.StatementCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.hiveiot.deviceapi.storage.TestDatabase.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Chunks of one series that overlap in time, as written by sealing, read and compacted: the higher seq wins. */
class OverlappingChunksTest {

    private static final TelemetrySettings SETTINGS = new TelemetrySettings(3, Duration.ofDays(1), Duration.ofHours(1));

    @TempDir
    Path folder;

    /** Points {@code ts=value} of a chunk. */
    private static SealedChunk chunk(final long seq, final long... tsAndValues) {
        final Points points = new Points(tsAndValues.length / 2);
        for (int i = 0; i < tsAndValues.length; i += 2) {
            points.add(tsAndValues[i], ValueCode.LONG, tsAndValues[i + 1], null);
        }
        return SealedChunk.of(1, new SeriesRun(points, seq));
    }

    @Test
    void overlappingChunks_readAsOnePointPerTs_theHigherSeqWinning_beforeAndAfterCompaction() throws Exception {
        try (Database database = TestDatabase.open(folder)) {
            await(database.write(dsl -> dsl.execute("INSERT INTO series (id, device_id, key) VALUES (1, 'd', 't')")));
            final var statements = new StatementCache();
            // written out of seq order on purpose: the read must go by seq, not by row order
            await(database.write(dsl -> SealWrite.run(
                    dsl,
                    statements,
                    List.of(chunk(7, 2, 200, 5, 500, 8, 800), chunk(3, 1, 10, 2, 20, 3, 30), chunk(5, 3, 300, 4, 400)),
                    connection -> 0)));
            final List<TsEntry> expected =
                    List.of(entry(1, 10), entry(2, 200), entry(3, 300), entry(4, 400), entry(5, 500), entry(8, 800));

            assertEquals(expected, read(database));
            assertEquals(3, await(new Compaction(database, SETTINGS).compact(1, Long.MIN_VALUE)));
            assertEquals(expected, read(database));
            assertEquals(
                    List.of(List.of(1L, 3L, 7L), List.of(4L, 8L, 7L)),
                    await(database.read(dsl -> dsl.fetch("SELECT start_ts, end_ts, seq FROM ts_chunk ORDER BY start_ts")
                            .map(row ->
                                    List.of(row.get(0, Long.class), row.get(1, Long.class), row.get(2, Long.class))))));
            assertEquals(0, await(new Compaction(database, SETTINGS).compact(1, Long.MIN_VALUE)));
        }
    }

    @Test
    void groups_areOverlapsAndRunsOfSmallNeighbours() {
        final var compaction =
                new Compaction(null, new TelemetrySettings(10, Duration.ofMillis(100), Duration.ofHours(1)));
        final List<Compaction.Meta> metas = List.of(
                new Compaction.Meta(1, 0, 10, 1, 10), // full, alone
                new Compaction.Meta(2, 20, 30, 2, 2), // small
                new Compaction.Meta(3, 31, 40, 3, 2), // small neighbour
                new Compaction.Meta(4, 41, 300, 4, 2), // small, but together they would span too long
                new Compaction.Meta(5, 400, 500, 5, 8),
                new Compaction.Meta(6, 450, 460, 6, 1)); // overlaps 5
        assertEquals(
                List.of(List.of(2L, 3L), List.of(5L, 6L)),
                compaction.groups(metas).stream()
                        .map(group -> group.stream().map(Compaction.Meta::id).toList())
                        .toList());
    }

    private static TsEntry entry(final long ts, final long value) {
        return new TsEntry("t", ts, new LongValue(value));
    }

    private static List<TsEntry> read(final Database database) {
        return await(database.read(dsl -> dsl.connectionResult(connection ->
                TelemetryFile.history(connection, "d", Optional.empty(), Long.MIN_VALUE, Long.MAX_VALUE))));
    }
}

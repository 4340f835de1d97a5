package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.deviceapi.telemetry.codec.Points;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Merges runs of one series into points in ts order, one per ts, the run with the higher seq winning where several
 * hold a ts; and cuts merged points into chunks of at most {@link TelemetrySettings#chunkPoints()} points spanning
 * at most {@link TelemetrySettings#chunkSpan()}.
 */
final class ChunkMerge {

    private ChunkMerge() {}

    /** Receives merged points in ts order. */
    @FunctionalInterface
    interface Sink {
        void point(Points points, int index);
    }

    static Points merge(final List<SeriesRun> runs) {
        int total = 0;
        for (final SeriesRun run : runs) {
            total += run.points().size();
        }
        final Points merged = new Points(total);
        forEach(runs, merged::add);
        return merged;
    }

    /**
     * Hands every merged point to {@code sink}. Runs that share no time with another one, the usual case, are
     * handed over as they are; only the runs that overlap are merged point by point.
     */
    static void forEach(final List<SeriesRun> runs, final Sink sink) {
        final var sorted = new ArrayList<>(runs);
        sorted.removeIf(run -> run.points().isEmpty());
        sorted.sort(Comparator.comparingLong(SeriesRun::firstTs));
        int start = 0;
        while (start < sorted.size()) {
            int end = start + 1;
            long last = sorted.get(start).lastTs();
            while (end < sorted.size() && sorted.get(end).firstTs() <= last) {
                last = Math.max(last, sorted.get(end).lastTs());
                end++;
            }
            if (end - start == 1) {
                final Points points = sorted.get(start).points();
                for (int i = 0; i < points.size(); i++) {
                    sink.point(points, i);
                }
            } else {
                mergeOverlapping(sorted.subList(start, end), sink);
            }
            start = end;
        }
    }

    private static void mergeOverlapping(final List<SeriesRun> runs, final Sink sink) {
        final int[] next = new int[runs.size()];
        while (true) {
            int winner = -1;
            long ts = 0;
            for (int r = 0; r < runs.size(); r++) {
                final Points points = runs.get(r).points();
                if (next[r] >= points.size()) {
                    continue;
                }
                final long candidate = points.ts(next[r]);
                if (winner < 0
                        || candidate < ts
                        || candidate == ts
                                && runs.get(r).seq() > runs.get(winner).seq()) {
                    winner = r;
                    ts = candidate;
                }
            }
            if (winner < 0) {
                return;
            }
            sink.point(runs.get(winner).points(), next[winner]);
            for (int r = 0; r < runs.size(); r++) {
                final Points points = runs.get(r).points();
                if (next[r] < points.size() && points.ts(next[r]) == ts) {
                    next[r]++;
                }
            }
        }
    }

    /**
     * Cuts points into chunks of {@link TelemetrySettings#chunkPoints()} points spanning at most
     * {@link TelemetrySettings#chunkSpan()}; a rest of fewer than half the chunk size that fits the span goes into
     * the last chunk (a head sealed a little after it was full), so no chunk is small only because of the cut.
     *
     * @param points in ts order, one per ts
     */
    static List<SealedChunk> cut(
            final int series, final Points points, final long seq, final TelemetrySettings settings) {
        final var chunks = new ArrayList<SealedChunk>();
        final long span = settings.chunkSpan().toMillis();
        final int size = points.size();
        Points piece = new Points(Math.min(size, settings.chunkPoints()));
        for (int i = 0; i < size; i++) {
            if (!piece.isEmpty()
                    && (piece.size() >= settings.chunkPoints() && !takesRest(piece, points, i, settings)
                            || Long.compareUnsigned(points.ts(i) - piece.ts(0), span) > 0)) {
                chunks.add(SealedChunk.of(series, new SeriesRun(piece, seq)));
                piece = new Points(Math.min(size - i, settings.chunkPoints()));
            }
            piece.add(points, i);
        }
        if (!piece.isEmpty()) {
            chunks.add(SealedChunk.of(series, new SeriesRun(piece, seq)));
        }
        return chunks;
    }

    /** Whether a full {@code piece} takes the rest of {@code points}, from {@code next} on. */
    private static boolean takesRest(
            final Points piece, final Points points, final int next, final TelemetrySettings settings) {
        final int rest = points.size() - next;
        return rest < settings.chunkPoints() / 2
                && piece.size() + rest <= TelemetrySettings.MAX_CHUNK_POINTS
                && Long.compareUnsigned(
                                points.ts(points.size() - 1) - piece.ts(0),
                                settings.chunkSpan().toMillis())
                        <= 0;
    }
}

package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.deviceapi.telemetry.codec.ChunkCodec;
import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.StoreException;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Merges a series' chunks in the background, one series at a time: chunks that overlap in time (points that
 * arrived out of order, or a restart's replay, were sealed after a later chunk), and runs of small neighbouring
 * chunks (a quiet series sealed by age). Reads stay correct without it: they merge overlapping chunks themselves,
 * the later write winning; compaction makes them cheaper and the summaries usable again. A merge replaces its chunks
 * in one write, and only if they are all still there (retention may have dropped one meanwhile); the merged chunks
 * take the highest seq of their sources, so a chunk sealed meanwhile still wins over them. Series are marked by the
 * sealer, from the start of the chunk that made them worth a look.
 */
final class Compaction {

    /** Series looked at per tick at most. */
    static final int SERIES_PER_STEP = 20;

    private static final Logger log = LoggerFactory.getLogger(Compaction.class);
    private static final String METAS =
            "SELECT id, start_ts, end_ts, seq, count FROM ts_chunk " + "WHERE series_id = ? AND end_ts >= ?";
    private static final String LOCK_SERIES = "UPDATE series SET sealed_to = sealed_to WHERE id = ?";

    private final Database database;
    private final TelemetrySettings settings;
    /** Sealer thread only: series → the earliest start of the chunks that marked it. */
    private final Map<Integer, Long> marked = new LinkedHashMap<>();
    /** Sealer thread only: the newest end of the chunks sealed since the start, per series. */
    private final Map<Integer, Long> newestEnd = new HashMap<>();

    private volatile boolean running;
    private final AtomicLong merged = new AtomicLong();

    /** A chunk's row without its data. */
    record Meta(long id, long startTs, long endTs, long seq, int count) {}

    Compaction(final Database database, final TelemetrySettings settings) {
        this.database = database;
        this.settings = settings;
    }

    /** Sealer thread: the chunks just committed. */
    void sealed(final List<SealedChunk> chunks) {
        for (final SealedChunk chunk : chunks) {
            final Long previousEnd = newestEnd.get(chunk.series());
            final boolean small = chunk.count() < settings.chunkPoints() / 4;
            if (previousEnd == null || chunk.startTs() <= previousEnd || small) {
                marked.merge(
                        chunk.series(), chunk.startTs() - settings.chunkSpan().toMillis(), Math::min);
            }
            newestEnd.merge(chunk.series(), chunk.endTs(), Math::max);
        }
    }

    /** Sealer thread: looks at the next marked series unless a look is running. */
    void step() {
        if (running || marked.isEmpty()) {
            return;
        }
        final var series = new LinkedHashMap<Integer, Long>();
        final var iterator = marked.entrySet().iterator();
        while (iterator.hasNext() && series.size() < SERIES_PER_STEP) {
            final var entry = iterator.next();
            series.put(entry.getKey(), entry.getValue());
            iterator.remove();
        }
        running = true;
        CompletableFuture<Integer> chain = CompletableFuture.completedFuture(0);
        for (final var entry : series.entrySet()) {
            chain = chain.thenCompose(
                    merged -> compact(entry.getKey(), entry.getValue()).thenApply(more -> merged + more));
        }
        chain.whenComplete((merged, failure) -> {
            running = false;
            if (failure != null) {
                log.debug(
                        "hive-iot-device-api: telemetry compaction failed, it runs again later: {}",
                        failure.toString());
            }
        });
    }

    /** @return the chunks replaced by merged ones */
    CompletableFuture<Integer> compact(final int series, final long from) {
        return database.read(dsl -> plan(dsl, series, from)).thenCompose(plan -> {
            if (plan.isEmpty()) {
                return CompletableFuture.completedFuture(0);
            }
            return database.write(dsl -> replace(dsl, series, plan.get())).thenApply(replaced -> {
                merged.addAndGet(replaced);
                return replaced;
            });
        });
    }

    /** Chunks replaced by merged ones since the start. */
    long merged() {
        return merged.get();
    }

    /** What to replace by what: the sources' ids and the merged chunks. */
    record Plan(List<Long> sources, List<SealedChunk> merged) {}

    private Optional<Plan> plan(final DSLContext dsl, final int series, final long from) {
        long low = from;
        List<List<Meta>> groups;
        while (true) {
            final List<Meta> metas = metas(dsl, series, low);
            groups = groups(metas);
            final long earliest = groups.stream()
                    .flatMap(List::stream)
                    .mapToLong(Meta::startTs)
                    .min()
                    .orElse(Long.MAX_VALUE);
            // a chunk outside what was read may overlap a group member: read further back, then plan again
            if (earliest >= low || low == Long.MIN_VALUE) {
                break;
            }
            low = earliest;
        }
        if (groups.isEmpty()) {
            return Optional.empty();
        }
        final var sources = new ArrayList<Long>();
        final var merged = new ArrayList<SealedChunk>();
        for (final List<Meta> group : groups) {
            final var runs = new ArrayList<SeriesRun>(group.size());
            long seq = 0;
            for (final Meta meta : group) {
                sources.add(meta.id());
                seq = Math.max(seq, meta.seq());
                runs.add(new SeriesRun(ChunkCodec.decode(data(dsl, meta.id())), meta.seq()));
            }
            merged.addAll(ChunkMerge.cut(series, ChunkMerge.merge(runs), seq, settings));
        }
        return Optional.of(new Plan(sources, merged));
    }

    /**
     * Groups worth merging: every set of chunks connected by overlaps, and runs of neighbouring chunks under half
     * the chunk size that together fit one chunk.
     */
    List<List<Meta>> groups(final List<Meta> metas) {
        final var sorted = new ArrayList<>(metas);
        sorted.sort(Comparator.comparingLong(Meta::startTs).thenComparingLong(Meta::endTs));
        final var overlapping = new ArrayList<List<Meta>>();
        List<Meta> current = new ArrayList<>();
        long currentEnd = Long.MIN_VALUE;
        for (final Meta meta : sorted) {
            if (!current.isEmpty() && meta.startTs() > currentEnd) {
                overlapping.add(current);
                current = new ArrayList<>();
            }
            current.add(meta);
            currentEnd = current.size() == 1 ? meta.endTs() : Math.max(currentEnd, meta.endTs());
        }
        if (!current.isEmpty()) {
            overlapping.add(current);
        }
        final var groups = new ArrayList<List<Meta>>();
        List<Meta> smalls = new ArrayList<>();
        int smallPoints = 0;
        for (final List<Meta> group : overlapping) {
            if (group.size() > 1) {
                closeSmalls(smalls, groups);
                smalls = new ArrayList<>();
                smallPoints = 0;
                groups.add(group);
                continue;
            }
            final Meta single = group.get(0);
            final boolean small = single.count() < settings.chunkPoints() / 2;
            final boolean fits = !smalls.isEmpty()
                    && smallPoints + single.count() <= settings.chunkPoints()
                    && Long.compareUnsigned(
                                    single.endTs() - smalls.get(0).startTs(),
                                    settings.chunkSpan().toMillis())
                            <= 0;
            if (small && (smalls.isEmpty() || fits)) {
                smalls.add(single);
                smallPoints += single.count();
            } else {
                closeSmalls(smalls, groups);
                smalls = new ArrayList<>();
                smallPoints = 0;
                if (small) {
                    smalls.add(single);
                    smallPoints = single.count();
                }
            }
        }
        closeSmalls(smalls, groups);
        return groups;
    }

    private static void closeSmalls(final List<Meta> smalls, final List<List<Meta>> groups) {
        if (smalls.size() > 1) {
            groups.add(smalls);
        }
    }

    private static List<Meta> metas(final DSLContext dsl, final int series, final long from) {
        return dsl.connectionResult(connection -> {
            try (PreparedStatement select = connection.prepareStatement(METAS)) {
                select.setInt(1, series);
                select.setLong(2, from);
                final var metas = new ArrayList<Meta>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        metas.add(new Meta(
                                rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4), rows.getInt(5)));
                    }
                }
                return metas;
            }
        });
    }

    private static byte[] data(final DSLContext dsl, final long chunk) {
        return dsl.connectionResult(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT data FROM ts_chunk WHERE id = ?")) {
                select.setLong(1, chunk);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw new StoreException("chunk " + chunk + " is gone");
                    }
                    return row.getBytes(1);
                }
            }
        });
    }

    private static int replace(final DSLContext dsl, final int series, final Plan plan) {
        return dsl.connectionResult(connection -> {
            try (PreparedStatement lock = connection.prepareStatement(LOCK_SERIES);
                    PreparedStatement delete = connection.prepareStatement("DELETE FROM ts_chunk WHERE id = ?");
                    PreparedStatement markOverlaps = connection.prepareStatement(ChunkRows.MARK_OVERLAPS);
                    PreparedStatement insert = connection.prepareStatement(ChunkRows.INSERT)) {
                // as a seal does (SealWrite): a seal of another node sharing the database waits for this one
                lock.setInt(1, series);
                lock.executeUpdate();
                for (final long source : plan.sources()) {
                    delete.setLong(1, source);
                    if (delete.executeUpdate() != 1) {
                        // retention dropped it, or another merge took it: plan again next time
                        throw new StoreException("chunk " + source + " changed while it was being merged");
                    }
                }
                // a chunk sealed since the plan may overlap a merged one: marked, both, as when it was sealed
                for (final SealedChunk chunk : plan.merged()) {
                    ChunkRows.insert(markOverlaps, insert, chunk);
                }
                return plan.sources().size();
            }
        });
    }
}

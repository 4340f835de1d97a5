package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.deviceapi.telemetry.codec.Points;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Every series' head (by series id), plus the heads being sealed until their chunks are committed, and the last
 * ingest row applied to them. Only the sealer thread changes them, under the write lock; a reader copies what it
 * needs under the read lock ({@link #snapshot}), so it sees each committed batch either wholly or not at all.
 */
final class Heads {

    /** Copies of a reader's series' heads, and the last ingest row they include. */
    record Snapshot(Map<Integer, List<SeriesRun>> runs, long applied) {

        /** No heads: every ingest row is read from the database. */
        static final Snapshot NONE = new Snapshot(Map.of(), 0);
    }

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private SeriesHead[] open = new SeriesHead[1024];
    private final List<SeriesHead> sealing = new ArrayList<>();
    private long applied;
    /** Points held, open and being sealed: a gauge. */
    private volatile long heldPoints;

    /**
     * Adds one committed ingest row's points; sealer thread.
     *
     * @param full receives the heads that reached their size or span now
     */
    void apply(
            final long ingest,
            final List<IngestMessage> messages,
            final long nowNanos,
            final TelemetrySettings settings,
            final List<SeriesHead> full) {
        lock.writeLock().lock();
        try {
            for (final IngestMessage message : messages) {
                final Points points = message.points();
                for (int i = 0; i < points.size(); i++) {
                    add(
                            ingest,
                            message.series()[i],
                            points.ts(i),
                            points.type(i),
                            points.bits(i),
                            points.text(i),
                            nowNanos,
                            settings,
                            full);
                }
            }
            applied = Math.max(applied, ingest);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Adds one point of a replayed ingest row; at start, before any reader. */
    void replay(
            final long ingest,
            final int series,
            final long ts,
            final byte type,
            final long bits,
            final String text,
            final long nowNanos,
            final TelemetrySettings settings,
            final List<SeriesHead> full) {
        lock.writeLock().lock();
        try {
            add(ingest, series, ts, type, bits, text, nowNanos, settings, full);
            applied = Math.max(applied, ingest);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Marks every ingest row up to {@code ingest} as applied (rows whose points were all sealed add nothing). */
    void appliedUpTo(final long ingest) {
        lock.writeLock().lock();
        try {
            applied = Math.max(applied, ingest);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void add(
            final long ingest,
            final int series,
            final long ts,
            final byte type,
            final long bits,
            final String text,
            final long nowNanos,
            final TelemetrySettings settings,
            final List<SeriesHead> full) {
        if (series >= open.length) {
            open = Arrays.copyOf(open, Math.max(series + 1, open.length * 2));
        }
        SeriesHead head = open[series];
        if (head == null) {
            head = new SeriesHead(series, ingest, nowNanos);
            open[series] = head;
        }
        head.add(ingest, ts, type, bits, text);
        heldPoints++;
        if (!head.full && head.reached(settings)) {
            head.full = true;
            full.add(head);
        }
    }

    /** Freezes heads for sealing: their series start new heads; readers still see them until {@link #sealed}. */
    void startSealing(final Collection<SeriesHead> heads) {
        lock.writeLock().lock();
        try {
            for (final SeriesHead head : heads) {
                if (open[head.series] == head) {
                    open[head.series] = null;
                }
                sealing.add(head);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The heads' chunks are committed: readers find their points there now. */
    void sealed(final Collection<SeriesHead> heads) {
        final Set<SeriesHead> done = identitySet(heads);
        lock.writeLock().lock();
        try {
            sealing.removeIf(done::contains);
            for (final SeriesHead head : heads) {
                heldPoints -= head.points.size();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Points the heads hold. */
    long points() {
        return heldPoints;
    }

    /**
     * The oldest ingest row that a head other than {@code excluded} still needs, or the row after the last applied
     * one: every row before it may be deleted once {@code excluded} are sealed. Sealer thread.
     */
    long oldestNeeded(final Collection<SeriesHead> excluded) {
        final Set<SeriesHead> skip = identitySet(excluded);
        lock.readLock().lock();
        try {
            long oldest = applied + 1;
            for (final SeriesHead head : open) {
                if (head != null) {
                    oldest = Math.min(oldest, head.firstIngest);
                }
            }
            for (final SeriesHead head : sealing) {
                if (!skip.contains(head)) {
                    oldest = Math.min(oldest, head.firstIngest);
                }
            }
            return oldest;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Lists for sealing the open heads opened before {@code nanos} (all of them when null). Sealer thread. */
    List<SeriesHead> listOpenedBefore(final Long nanos) {
        final var old = new ArrayList<SeriesHead>();
        for (final SeriesHead head : open) {
            if (head != null && !head.full && (nanos == null || head.openedNanos - nanos < 0)) {
                head.full = true;
                old.add(head);
            }
        }
        return old;
    }

    /** Copies of the heads of {@code series}, open and being sealed, as runs; taken before the database is read. */
    Snapshot snapshot(final Collection<Integer> series) {
        final var copies = new HashMap<Integer, List<Points>>();
        final var seqs = new HashMap<Points, Long>();
        final long appliedNow;
        lock.readLock().lock();
        try {
            appliedNow = applied;
            for (final int id : series) {
                if (id < open.length && open[id] != null) {
                    copy(open[id], copies, seqs);
                }
            }
            if (!sealing.isEmpty()) {
                final Set<Integer> wanted = Set.copyOf(series);
                for (final SeriesHead head : sealing) {
                    if (wanted.contains(head.series)) {
                        copy(head, copies, seqs);
                    }
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        final var runs = new HashMap<Integer, List<SeriesRun>>();
        copies.forEach((id, points) -> {
            final var ofSeries = new ArrayList<SeriesRun>(points.size());
            for (final Points copy : points) {
                ofSeries.add(SeriesRun.ofArrivals(copy, seqs.get(copy)));
            }
            runs.put(id, ofSeries);
        });
        return new Snapshot(runs, appliedNow);
    }

    private static void copy(
            final SeriesHead head, final Map<Integer, List<Points>> copies, final Map<Points, Long> seqs) {
        if (head.points.isEmpty()) {
            return;
        }
        final Points copy = head.copy();
        copies.computeIfAbsent(head.series, id -> new ArrayList<>()).add(copy);
        seqs.put(copy, head.lastIngest);
    }

    private static Set<SeriesHead> identitySet(final Collection<SeriesHead> heads) {
        final Set<SeriesHead> set = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(heads);
        return set;
    }
}

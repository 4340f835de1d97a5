package io.hiveiot.firmware.assign;

import com.codahale.metrics.Counter;
import com.google.common.collect.Interner;
import com.google.common.collect.Interners;
import com.google.common.util.concurrent.Striped;
import io.hiveiot.firmware.pkg.PackageInfo;
import io.hiveiot.firmware.pkg.PackageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;

/**
 * The assignment table held in memory, so that a device's CONNECT, its chunk requests and its gateway's attribute
 * requests never read the database: only the devices that have an assignment are held (a fleet without assignments
 * costs nothing), and devices assigned the same package share one {@link PackageInfo}. It is read whole at start and
 * again when the listening connection to the other broker nodes broke; a change committed on this node is applied at
 * once, the devices whose change another node announced are read, in batches, one read at a time (a rollout to
 * thousands of devices through another node is a few reads here, and never fills the read queue).
 * <p>
 * A read's answer may be older than a change applied while it was under way: a device changed meanwhile is read
 * again instead of taking that answer, so no older answer ever overwrites a newer state for good. Every change of a
 * device is applied, and its {@link Listener} called, under that device's lock, so the listener sees a device's
 * changes one at a time, in order.
 */
public final class AssignmentMirror {

    private static final Logger log = LoggerFactory.getLogger(AssignmentMirror.class);

    /** Told of each package type whose assignment changed, under the device's lock. */
    public interface Listener {
        void changed(String deviceId, PackageType type, Optional<PackageInfo> before, Optional<PackageInfo> after);
    }

    /** Devices read together at most, well within both engines' limits of bound parameters. */
    static final int BATCH = 1000;

    /** Where a device another node changed stands: waiting for a read, in the read under way, changed again since. */
    private enum Pending {
        QUEUED,
        READING,
        READING_STALE
    }

    private final AssignmentStore store;
    private final Counter reads;
    private final Map<String, Assignments> byDevice = new ConcurrentHashMap<>();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean batchUnderWay = new AtomicBoolean();

    private final Striped<Lock> locks = Striped.lock(64);
    private final Interner<PackageInfo> packages = Interners.newWeakInterner();
    private CompletableFuture<Void> loads = CompletableFuture.completedFuture(null);
    /** The devices changed while the whole table is being read; null when it is not. */
    private volatile Set<String> changedDuringLoad;

    /** @param reads counts every read of assignments from the database */
    public AssignmentMirror(final AssignmentStore store, final Counter reads) {
        this.store = store;
        this.reads = reads;
    }

    /** What is assigned to the device now. */
    public Assignments of(final String deviceId) {
        return byDevice.getOrDefault(deviceId, Assignments.NONE);
    }

    /** Devices with at least one assignment. */
    public int devices() {
        return byDevice.size();
    }

    /**
     * Reads the whole table and brings every device to it, after any load under way. A device changed while the
     * table is read is read again on its own instead.
     */
    synchronized CompletableFuture<Void> load(final Listener listener) {
        loads = loads.handle((previous, failure) -> null).thenCompose(previous -> {
            final Set<String> changed = ConcurrentHashMap.newKeySet();
            changedDuringLoad = changed;
            reads.inc();
            return store.all()
                    .thenAccept(all -> {
                        final Set<String> devices = new HashSet<>(byDevice.keySet());
                        devices.addAll(all.keySet());
                        for (final String deviceId : devices) {
                            locked(deviceId, () -> {
                                if (changed.contains(deviceId) || pending.containsKey(deviceId)) {
                                    queue(deviceId);
                                } else {
                                    replace(deviceId, all.getOrDefault(deviceId, Assignments.NONE), listener);
                                }
                            });
                        }
                        readQueued(listener);
                    })
                    .whenComplete((done, failure) -> changedDuringLoad = null);
        });
        return loads;
    }

    /** A change committed on this node: applied at once, and {@code listener} told even when nothing differs. */
    void committed(
            final String deviceId,
            final PackageType type,
            final Optional<PackageInfo> before,
            final Optional<PackageInfo> after,
            final Listener listener) {
        locked(deviceId, () -> {
            pending.computeIfPresent(deviceId, (id, state) -> state == Pending.READING ? Pending.READING_STALE : state);
            noteChange(deviceId);
            store(deviceId, of(deviceId).with(type, after.map(packages::intern)));
            listener.changed(deviceId, type, before, after);
        });
    }

    /** Another node changed the device's assignments: they are read, or read again if a read is under way. */
    void changedElsewhere(final String deviceId, final Listener listener) {
        queue(deviceId);
        readQueued(listener);
    }

    private void queue(final String deviceId) {
        pending.merge(
                deviceId, Pending.QUEUED, (state, queued) -> state == Pending.QUEUED ? state : Pending.READING_STALE);
    }

    /** Starts reading the queued devices, unless a read is under way (its end starts the next). */
    private void readQueued(final Listener listener) {
        while (batchUnderWay.compareAndSet(false, true)) {
            final List<String> batch = new ArrayList<>();
            for (final String deviceId : pending.keySet()) {
                if (batch.size() < BATCH && pending.replace(deviceId, Pending.QUEUED, Pending.READING)) {
                    batch.add(deviceId);
                }
            }
            if (!batch.isEmpty()) {
                reads.inc();
                store.of(batch).whenComplete((found, failure) -> {
                    try {
                        if (failure != null) {
                            log.warn(
                                    "hive-iot-firmware: assignments of {} devices not read after another node changed "
                                            + "them, e.g. device {}: {}",
                                    batch.size(),
                                    batch.get(0),
                                    failure.toString());
                        }
                        batch.forEach(deviceId -> locked(deviceId, () -> readFinished(deviceId, found, listener)));
                    } finally {
                        batchUnderWay.set(false);
                    }
                    readQueued(listener);
                });
                return;
            }
            batchUnderWay.set(false);
            if (!pending.containsValue(Pending.QUEUED)) {
                return;
            }
        }
    }

    /**
     * Under the device's lock: applies what was read ({@code found} is null when the read failed: the device keeps
     * what it had), unless the device changed since the read began, which queues it again.
     */
    private void readFinished(final String deviceId, final Map<String, Assignments> found, final Listener listener) {
        if (!pending.replace(deviceId, Pending.READING_STALE, Pending.QUEUED)
                && pending.remove(deviceId, Pending.READING)
                && found != null) {
            noteChange(deviceId);
            replace(deviceId, found.getOrDefault(deviceId, Assignments.NONE), listener);
        }
    }

    /** Replaces the device's assignments, telling {@code listener} of each type that differs. */
    private void replace(final String deviceId, final Assignments now, final Listener listener) {
        final Assignments before = of(deviceId);
        final var interned = new EnumMap<PackageType, PackageInfo>(PackageType.class);
        for (final PackageType type : PackageType.values()) {
            now.get(type).ifPresent(info -> interned.put(type, packages.intern(info)));
        }
        store(deviceId, Assignments.of(interned));
        for (final PackageType type : PackageType.values()) {
            if (!before.get(type).equals(now.get(type))) {
                listener.changed(deviceId, type, before.get(type), now.get(type));
            }
        }
    }

    private void store(final String deviceId, final Assignments assignments) {
        if (assignments.isEmpty()) {
            byDevice.remove(deviceId);
        } else {
            byDevice.put(deviceId, assignments);
        }
    }

    private void noteChange(final String deviceId) {
        final Set<String> changed = changedDuringLoad;
        if (changed != null) {
            changed.add(deviceId);
        }
    }

    private void locked(final String deviceId, final Runnable work) {
        final Lock lock = locks.get(deviceId);
        lock.lock();
        try {
            work.run();
        } finally {
            lock.unlock();
        }
    }
}

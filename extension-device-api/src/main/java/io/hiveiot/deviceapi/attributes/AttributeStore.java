package io.hiveiot.deviceapi.attributes;

import io.hiveiot.deviceapi.payload.KeySelection;
import io.hiveiot.deviceapi.payload.KeyValue;
import io.hiveiot.deviceapi.storage.Arguments;
import io.hiveiot.kit.database.Database;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Client and shared attributes in device-data.db, keyed by device id.
 * <p>
 * A save stores only what changed and reports it, which is exactly what the shared-attribute push sends
 * ({@code {"key1":"value1"}}, changed keys only); a value of another type counts as changed (LONG 1 is not
 * DOUBLE 1.0). Writes complete after their commit (group commit through the database's single writer), reads
 * run on the read pool. Bad arguments throw at once. Thread-safe.
 */
public final class AttributeStore {

    private final Database database;
    private final Clock clock;

    public AttributeStore(final Database database, final Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Saves attributes the device reported. @return the entries that changed, once committed */
    public CompletableFuture<List<KeyValue>> saveClient(final String deviceId, final List<KeyValue> entries) {
        return save(deviceId, AttributeScope.CLIENT, entries);
    }

    /**
     * Saves the attributes several devices reported in one message (a gateway's for its sub-devices) in one write:
     * all of them are committed, or none.
     *
     * @return per device id, the entries that changed, once committed
     */
    public CompletableFuture<Map<String, List<KeyValue>>> saveClient(final Map<String, List<KeyValue>> byDevice) {
        final Map<String, List<KeyValue>> copy = new LinkedHashMap<>();
        byDevice.forEach((deviceId, entries) -> {
            Arguments.deviceId(deviceId);
            copy.put(deviceId, List.copyOf(Objects.requireNonNull(entries, "entries")));
        });
        final long now = clock.millis();
        return database.write(dsl -> {
            final Map<String, List<KeyValue>> changed = new LinkedHashMap<>();
            copy.forEach((deviceId, entries) -> changed.put(
                    deviceId,
                    entries.isEmpty()
                            ? List.of()
                            : AttributeRows.save(dsl, deviceId, AttributeScope.CLIENT, entries, now)));
            return changed;
        });
    }

    /** Saves attributes an application set. @return the entries that changed (to push), once committed */
    public CompletableFuture<List<KeyValue>> saveShared(final String deviceId, final List<KeyValue> entries) {
        return save(deviceId, AttributeScope.SHARED, entries);
    }

    /** Deletes shared attributes. @return the keys that existed (for {@code {"deleted":[..]}}), once committed */
    public CompletableFuture<Set<String>> deleteShared(final String deviceId, final Set<String> keys) {
        Arguments.deviceId(deviceId);
        final List<String> wanted = List.copyOf(Arguments.noNulls(keys, "keys"));
        if (wanted.isEmpty()) {
            return CompletableFuture.completedFuture(Set.of());
        }
        return database.write(dsl -> AttributeRows.delete(dsl, deviceId, AttributeScope.SHARED, wanted));
    }

    /** Both scopes at once, as an attribute request asks for them. */
    public CompletableFuture<Attributes> get(
            final String deviceId, final KeySelection client, final KeySelection shared) {
        Arguments.deviceId(deviceId);
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(shared, "shared");
        return database.read(dsl -> new Attributes(
                AttributeRows.get(dsl, deviceId, AttributeScope.CLIENT, client),
                AttributeRows.get(dsl, deviceId, AttributeScope.SHARED, shared)));
    }

    private CompletableFuture<List<KeyValue>> save(
            final String deviceId, final AttributeScope scope, final List<KeyValue> entries) {
        Arguments.deviceId(deviceId);
        final List<KeyValue> copy = List.copyOf(Objects.requireNonNull(entries, "entries"));
        if (copy.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        final long now = clock.millis();
        return database.write(dsl -> AttributeRows.save(dsl, deviceId, scope, copy, now));
    }
}

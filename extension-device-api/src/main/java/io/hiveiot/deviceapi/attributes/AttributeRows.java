package io.hiveiot.deviceapi.attributes;

import io.hiveiot.deviceapi.payload.KeySelection;
import io.hiveiot.deviceapi.payload.KeyValue;
import io.hiveiot.deviceapi.payload.TypedValue;
import io.hiveiot.deviceapi.storage.ValueColumns;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Record;
import org.jooq.SelectFieldOrAsterisk;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.hiveiot.deviceapi.schema.Tables.ATTRIBUTE;
import static org.jooq.impl.DSL.excluded;

/** The SQL behind {@link AttributeStore}, run on the writer thread or a read thread. */
final class AttributeRows {

    static final ValueColumns VALUES = new ValueColumns(
            ATTRIBUTE.TYPE, ATTRIBUTE.BOOL_V, ATTRIBUTE.LONG_V, ATTRIBUTE.DBL_V, ATTRIBUTE.STR_V, ATTRIBUTE.JSON_V);

    /** Far below SQLite's 32,766 bound parameters per statement, for key lists and multi-row inserts alike. */
    private static final int ROWS_PER_STATEMENT = 500;

    private AttributeRows() {}

    /**
     * Stores the entries whose value differs from the stored one (or is new), stamped {@code now}.
     *
     * @return the changed entries in the order given; of a key given twice, the last value counts
     */
    static List<KeyValue> save(
            final DSLContext dsl,
            final String deviceId,
            final AttributeScope scope,
            final List<KeyValue> entries,
            final long now) {
        final Map<String, TypedValue> wanted = new LinkedHashMap<>();
        entries.forEach(entry -> wanted.put(entry.key(), entry.value()));
        final Map<String, TypedValue> stored = select(dsl, deviceId, scope, wanted.keySet());
        final var changed = new ArrayList<KeyValue>();
        wanted.forEach((key, value) -> {
            if (!value.equals(stored.get(key))) {
                changed.add(new KeyValue(key, value));
            }
        });
        for (final List<KeyValue> chunk : chunks(changed)) {
            upsert(dsl, deviceId, scope, chunk, now);
        }
        return changed;
    }

    /** @return the keys that existed, in the order given */
    static Set<String> delete(
            final DSLContext dsl, final String deviceId, final AttributeScope scope, final Collection<String> keys) {
        final var deleted = new HashSet<String>();
        for (final List<String> chunk : chunks(new ArrayList<>(keys))) {
            deleted.addAll(dsl.deleteFrom(ATTRIBUTE)
                    .where(ATTRIBUTE.DEVICE_ID.eq(deviceId), ATTRIBUTE.SCOPE.eq(scope.name()), ATTRIBUTE.KEY.in(chunk))
                    .returningResult(ATTRIBUTE.KEY)
                    .fetch(ATTRIBUTE.KEY));
        }
        final var inOrder = new LinkedHashSet<String>();
        keys.stream().filter(deleted::contains).forEach(inOrder::add);
        return inOrder;
    }

    static List<KeyValue> get(
            final DSLContext dsl, final String deviceId, final AttributeScope scope, final KeySelection selection) {
        final var found = new ArrayList<KeyValue>();
        if (selection.all()) {
            for (final Record row : dsl.select(fields())
                    .from(ATTRIBUTE)
                    .where(ATTRIBUTE.DEVICE_ID.eq(deviceId), ATTRIBUTE.SCOPE.eq(scope.name()))
                    .orderBy(ATTRIBUTE.KEY)
                    .fetch()) {
                found.add(new KeyValue(row.get(ATTRIBUTE.KEY), VALUES.read(row)));
            }
        } else if (!selection.keys().isEmpty()) {
            final Map<String, TypedValue> stored = select(dsl, deviceId, scope, selection.keys());
            for (final String key : selection.keys()) {
                final TypedValue value = stored.get(key);
                if (value != null) {
                    found.add(new KeyValue(key, value));
                }
            }
        }
        return found;
    }

    private static Map<String, TypedValue> select(
            final DSLContext dsl, final String deviceId, final AttributeScope scope, final Collection<String> keys) {
        final var stored = new HashMap<String, TypedValue>();
        for (final List<String> chunk : chunks(new ArrayList<>(keys))) {
            for (final Record row : dsl.select(fields())
                    .from(ATTRIBUTE)
                    .where(ATTRIBUTE.DEVICE_ID.eq(deviceId), ATTRIBUTE.SCOPE.eq(scope.name()), ATTRIBUTE.KEY.in(chunk))
                    .fetch()) {
                stored.put(row.get(ATTRIBUTE.KEY), VALUES.read(row));
            }
        }
        return stored;
    }

    private static void upsert(
            final DSLContext dsl,
            final String deviceId,
            final AttributeScope scope,
            final List<KeyValue> entries,
            final long now) {
        final var columns = new ArrayList<Field<?>>(
                List.of(ATTRIBUTE.DEVICE_ID, ATTRIBUTE.SCOPE, ATTRIBUTE.KEY, ATTRIBUTE.LAST_UPDATE_TS));
        columns.addAll(VALUES.fields());
        InsertValuesStepN<?> insert = dsl.insertInto(ATTRIBUTE, columns);
        for (final KeyValue entry : entries) {
            final var row = new ArrayList<Object>(List.of(deviceId, scope.name(), entry.key(), now));
            row.addAll(VALUES.values(entry.value()));
            insert = insert.values(row);
        }
        insert.onConflict(ATTRIBUTE.DEVICE_ID, ATTRIBUTE.SCOPE, ATTRIBUTE.KEY)
                .doUpdate()
                .set(VALUES.fromExcluded())
                .set(ATTRIBUTE.LAST_UPDATE_TS, excluded(ATTRIBUTE.LAST_UPDATE_TS))
                .execute();
    }

    private static List<SelectFieldOrAsterisk> fields() {
        final var fields = new ArrayList<SelectFieldOrAsterisk>();
        fields.add(ATTRIBUTE.KEY);
        fields.addAll(VALUES.fields());
        return fields;
    }

    private static <T> List<List<T>> chunks(final List<T> all) {
        final var chunks = new ArrayList<List<T>>();
        for (int from = 0; from < all.size(); from += ROWS_PER_STATEMENT) {
            chunks.add(all.subList(from, Math.min(all.size(), from + ROWS_PER_STATEMENT)));
        }
        return chunks;
    }
}

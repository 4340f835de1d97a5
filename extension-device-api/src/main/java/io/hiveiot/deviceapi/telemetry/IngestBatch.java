package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.deviceapi.telemetry.codec.Points;
import io.hiveiot.kit.database.BatchFlush;
import io.hiveiot.kit.database.StatementCache;
import io.hiveiot.kit.database.StoreException;
import org.jooq.DSLContext;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The ingest row of the writer's current batch: every append adds its message's points here, and the single writer
 * writes them as one {@code ts_ingest} row just before the batch's commit ({@link BatchFlush}): one insert of a few
 * kilobytes per commit instead of a row per point. Once committed, the new series join the dictionary and the
 * messages go to the heads. Used on the writer thread only.
 */
final class IngestBatch implements BatchFlush {

    private static final String INSERT_ROW = "INSERT INTO ts_ingest (writer, points) VALUES (?, ?) RETURNING id";
    private static final String INSERT_SERIES =
            "INSERT INTO series (device_id, key) VALUES (?, ?) ON CONFLICT (device_id, key) DO NOTHING";
    private static final String SERIES_ID = "SELECT id FROM series WHERE device_id = ? AND key = ?";

    private final String writer;
    private final SeriesIds ids;
    private final BiConsumer<Long, List<IngestMessage>> committed;
    private final StatementCache statements;
    private final IngestCodec.Bytes row = new IngestCodec.Bytes(64 * 1024);
    private final List<IngestMessage> messages = new ArrayList<>();
    /** Series this batch created since the last flush: device id → key → id. */
    private final Map<String, Map<String, Integer>> created = new HashMap<>();

    /**
     * @param writer    this node's name, written into every row
     * @param committed receives each committed row's id and messages, on the writer thread
     */
    IngestBatch(
            final String writer,
            final SeriesIds ids,
            final BiConsumer<Long, List<IngestMessage>> committed,
            final StatementCache statements) {
        this.writer = writer;
        this.ids = ids;
        this.committed = committed;
        this.statements = statements;
    }

    /**
     * One device's points as an append brings them.
     *
     * @param resolved the message, when the caller knew every series id; else null
     */
    record Append(String deviceId, List<String> keys, Points points, IngestMessage resolved) {

        int size() {
            return points.size();
        }
    }

    /**
     * Adds a message, run as a write: its series ids are looked up (and created) here when the caller could not.
     *
     * @return the points added
     */
    int add(final DSLContext dsl, final Append append) {
        final IngestMessage message = resolved(dsl, append);
        row.add(message.encoded());
        messages.add(message);
        return append.size();
    }

    /**
     * Adds the messages of several devices as one write. Every series is resolved before any message is added, so a
     * write that fails on the way leaves nothing of itself in the batch.
     *
     * @return the points added
     */
    int addAll(final DSLContext dsl, final List<Append> appends) {
        final List<IngestMessage> resolved = new ArrayList<>(appends.size());
        int points = 0;
        for (final Append append : appends) {
            resolved.add(resolved(dsl, append));
            points += append.size();
        }
        for (final IngestMessage message : resolved) {
            row.add(message.encoded());
            messages.add(message);
        }
        return points;
    }

    private IngestMessage resolved(final DSLContext dsl, final Append append) {
        return append.resolved() != null
                ? append.resolved()
                : resolve(dsl, append.deviceId(), append.keys(), append.points());
    }

    @Override
    public Runnable flush(final DSLContext dsl) {
        if (messages.isEmpty()) {
            return null;
        }
        final long id = dsl.connectionResult(connection -> {
            final PreparedStatement insert = statements.get(connection, INSERT_ROW);
            insert.setString(1, writer);
            insert.setBytes(2, row.toByteArray());
            try (ResultSet key = insert.executeQuery()) {
                key.next();
                return key.getLong(1);
            }
        });
        final List<IngestMessage> written = List.copyOf(messages);
        final Map<String, Map<String, Integer>> newSeries = Map.copyOf(created);
        clear();
        return () -> {
            newSeries.forEach(ids::add);
            committed.accept(id, written);
        };
    }

    @Override
    public void discard() {
        clear();
    }

    private void clear() {
        row.clear();
        messages.clear();
        created.clear();
    }

    private IngestMessage resolve(
            final DSLContext dsl, final String deviceId, final List<String> keys, final Points points) {
        final int[] series = new int[points.size()];
        for (int i = 0; i < series.length; i++) {
            final String key = keys.get(i);
            Integer id = ids.find(deviceId, key);
            if (id == null) {
                id = created.getOrDefault(deviceId, Map.of()).get(key);
            }
            if (id == null) {
                id = createSeries(dsl, deviceId, key);
                created.computeIfAbsent(deviceId, device -> new HashMap<>()).put(key, id);
            }
            series[i] = id;
        }
        return IngestMessage.of(series, points);
    }

    /** Inserts the series row unless this transaction or another writer did; either way returns its id. */
    private int createSeries(final DSLContext dsl, final String deviceId, final String key) {
        return dsl.connectionResult(connection -> {
            final PreparedStatement insert = statements.get(connection, INSERT_SERIES);
            insert.setString(1, deviceId);
            insert.setString(2, key);
            insert.executeUpdate();
            final PreparedStatement select = statements.get(connection, SERIES_ID);
            select.setString(1, deviceId);
            select.setString(2, key);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new StoreException("series (" + deviceId + ", " + key + ") was not created");
                }
                return row.getInt(1);
            }
        });
    }
}

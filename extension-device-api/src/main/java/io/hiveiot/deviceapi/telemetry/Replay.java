package io.hiveiot.deviceapi.telemetry;

import org.jooq.DSLContext;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The start of a store: every series into the dictionary, then the ingest rows this node holds into the heads
 * ({@link IngestRows#toReplay}; points of a series from rows up to its {@code sealed_to} are in chunks already and
 * are skipped where that tells, {@link IngestRows#sealedToSkips}), before any append is accepted.
 */
final class Replay {

    private Replay() {}

    /** @return the heads that are full already, to be sealed first */
    static List<SeriesHead> run(
            final DSLContext dsl,
            final SeriesIds ids,
            final Heads heads,
            final TelemetrySettings settings,
            final IngestRows ingestRows) {
        return dsl.connectionResult(connection -> {
            final var sealedTo = new HashMap<Integer, Long>();
            final var byDevice = new HashMap<String, Map<String, Integer>>();
            try (PreparedStatement select =
                            connection.prepareStatement("SELECT id, device_id, key, sealed_to FROM series");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    final int id = rows.getInt(1);
                    byDevice.computeIfAbsent(rows.getString(2), device -> new HashMap<>())
                            .put(rows.getString(3), id);
                    sealedTo.put(id, rows.getLong(4));
                }
            }
            byDevice.forEach(ids::add);
            final var full = new ArrayList<SeriesHead>();
            final long now = System.nanoTime();
            final boolean skipSealed = ingestRows.sealedToSkips();
            try (PreparedStatement select = ingestRows.toReplay(connection);
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    final long ingest = rows.getLong(1);
                    IngestCodec.decode(rows.getBytes(2), (series, ts, type, bits, text) -> {
                        if (!skipSealed || ingest > sealedTo.getOrDefault(series, 0L)) {
                            heads.replay(ingest, series, ts, type, bits, text, now, settings, full);
                        }
                    });
                    heads.appliedUpTo(ingest);
                }
            }
            return full;
        });
    }
}

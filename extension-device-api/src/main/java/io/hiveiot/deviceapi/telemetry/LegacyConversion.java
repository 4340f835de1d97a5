package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.deviceapi.telemetry.codec.Points;
import io.hiveiot.deviceapi.telemetry.codec.ValueCode;
import io.hiveiot.kit.database.MigrationStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The Java step of migration V005: the history of the first layout ({@code ts_kv}, one row per point, pending points
 * already folded in by the version's SQL) becomes chunks of at most {@link TelemetrySettings#DEFAULTS}' size and
 * span, written with seq 0, so that anything written after the upgrade wins over it at an equal ts. One pass over
 * ts_kv in the order of its key, which is the order of series and time.
 */
public final class LegacyConversion implements MigrationStep {

    private static final Logger log = LoggerFactory.getLogger(LegacyConversion.class);
    private static final String POINTS = "SELECT s.id, k.ts, k.type, k.bool_v, k.long_v, k.dbl_v, k.str_v, k.json_v "
            + "FROM ts_kv k JOIN series s ON s.device_id = k.device_id AND s.key = k.key "
            + "ORDER BY k.device_id, k.key, k.ts";
    private static final int CHUNKS_PER_BATCH = 500;

    @Override
    public void migrate(final Connection connection) throws SQLException {
        final TelemetrySettings settings = TelemetrySettings.DEFAULTS;
        long converted = 0;
        int chunks = 0;
        try (PreparedStatement select = connection.prepareStatement(POINTS);
                PreparedStatement insert = connection.prepareStatement(ChunkRows.INSERT);
                ResultSet rows = select.executeQuery()) {
            int series = -1;
            Points points = new Points(settings.chunkPoints());
            while (rows.next()) {
                final int next = rows.getInt(1);
                if (next != series && !points.isEmpty()) {
                    chunks += write(insert, series, points, settings);
                    points = new Points(settings.chunkPoints());
                }
                series = next;
                add(points, rows);
                converted++;
            }
            if (!points.isEmpty()) {
                chunks += write(insert, series, points, settings);
            }
            insert.executeBatch();
        }
        if (converted > 0) {
            log.info("hive-iot-device-api: converted {} telemetry points into {} chunks", converted, chunks);
        }
    }

    private static int write(
            final PreparedStatement insert, final int series, final Points points, final TelemetrySettings settings)
            throws SQLException {
        int written = 0;
        // ts_chunk was empty, and a series' points come in ts order, one per ts: its chunks do not overlap
        for (final SealedChunk chunk : ChunkMerge.cut(series, points, 0, settings)) {
            ChunkRows.addInsert(insert, chunk);
            if (++written % CHUNKS_PER_BATCH == 0) {
                insert.executeBatch();
            }
        }
        return written;
    }

    private static void add(final Points points, final ResultSet row) throws SQLException {
        final long ts = row.getLong(2);
        final byte type = (byte) row.getInt(3);
        switch (type) {
            case ValueCode.BOOLEAN -> points.add(ts, type, row.getBoolean(4) ? 1 : 0, null);
            case ValueCode.LONG -> points.add(ts, type, row.getLong(5), null);
            case ValueCode.DOUBLE -> points.add(ts, type, Double.doubleToRawLongBits(row.getDouble(6)), null);
            case ValueCode.STRING -> points.add(ts, type, 0, row.getString(7));
            case ValueCode.JSON -> points.add(ts, type, 0, row.getString(8));
            default -> throw new SQLException("ts_kv holds a value of unknown type " + type);
        }
    }
}

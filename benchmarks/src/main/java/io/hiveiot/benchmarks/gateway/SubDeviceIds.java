package io.hiveiot.benchmarks.gateway;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The ids of a gateway's sub-devices, read from hive-iot-auth's {@code auth.db} after the broker stopped: the
 * sub-devices are created by hive-iot-auth on the gateway's first messages, so the load generator never learns their
 * ids otherwise, and the stored telemetry is keyed by id.
 */
public final class SubDeviceIds {

    private static final String SELECT =
            "SELECT d.id FROM device d JOIN device g ON d.gateway_id = g.id " + "WHERE g.name = ?";

    private SubDeviceIds() {}

    public static Path database(final Path dataFolder) {
        return dataFolder.resolve("hive-iot").resolve("auth.db");
    }

    public static List<String> of(final Path database, final String gateway) {
        if (!Files.isRegularFile(database)) {
            throw new IllegalStateException("no " + database + ": did the broker run hive-iot-auth?");
        }
        final var config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        final List<String> ids = new ArrayList<>();
        try (Connection connection = config.createConnection("jdbc:sqlite:" + database);
                PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, gateway);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        } catch (final SQLException e) {
            throw new IllegalStateException(
                    "cannot read the sub-devices of " + gateway + " in " + database + ": " + e.getMessage(), e);
        }
        return ids;
    }
}

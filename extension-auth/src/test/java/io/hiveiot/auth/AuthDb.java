package io.hiveiot.auth;

import io.hiveiot.kit.secret.SaltedHash;
import io.hiveiot.kit.secret.SecretGenerator;
import io.hiveiot.kit.secret.Sha256;
import io.hiveiot.testkit.ExtensionDatabase;
import io.hiveiot.testkit.FirstRun;
import io.hiveiot.testkit.HiveMqBroker;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * Direct access to a broker's auth database for tests (its SQLite file or its PostgreSQL schema): adds devices and
 * credentials behind the registry service's back, and reads connection status.
 */
final class AuthDb {

    private final ExtensionDatabase database;

    AuthDb(final HiveMqBroker broker) {
        this.database = broker.database("auth");
    }

    static Map<String, String> firstRun(final Path brokerDataFolder) throws Exception {
        return FirstRun.read(brokerDataFolder);
    }

    record Device(String id, String name, String token) {}

    Device addDevice(final String account, final String name) throws SQLException {
        final var device = new Device(UUID.randomUUID().toString(), name, SecretGenerator.generate(20));
        try (Connection connection = connect()) {
            try (var insert = connection.prepareStatement(
                    "INSERT INTO account (id, secret_hash, created_at) VALUES (?, 'unused', 0) ON CONFLICT DO NOTHING")) {
                insert.setString(1, account);
                insert.executeUpdate();
            }
            try (var insert = connection.prepareStatement(
                    "INSERT INTO device (id, account_id, name, created_at) VALUES (?, ?, ?, 0)")) {
                insert.setString(1, device.id());
                insert.setString(2, account);
                insert.setString(3, name);
                insert.executeUpdate();
            }
            try (var insert = connection.prepareStatement(
                    "INSERT INTO access_token (token_hash, device_id, created_at) VALUES (?, ?, 0)")) {
                insert.setString(1, Sha256.hex(device.token()));
                insert.setString(2, device.id());
                insert.executeUpdate();
            }
        }
        return device;
    }

    /**
     * Adds a basic credential to a device.
     *
     * @param username      null for a credential of an exact client ID alone
     * @param password      null for none
     * @param clientId      exact client ID or regex; null for any
     */
    String addBasicCredential(
            final String deviceId,
            final String username,
            final String password,
            final String clientId,
            final boolean regex)
            throws SQLException {
        final String id = UUID.randomUUID().toString();
        try (Connection connection = connect();
                var insert = connection.prepareStatement(
                        "INSERT INTO basic_credential (id, device_id, username, client_id, client_id_regex, password_hash, "
                                + "created_at) VALUES (?, ?, ?, ?, ?, ?, 0)")) {
            insert.setString(1, id);
            insert.setString(2, deviceId);
            insert.setString(3, username);
            insert.setString(4, clientId);
            insert.setBoolean(5, regex);
            insert.setString(6, password == null ? null : SaltedHash.hash(password, 10_000));
            insert.executeUpdate();
        }
        return id;
    }

    /** Adds an account whose application secret is {@code appSecret}. */
    void addAccount(final String account, final String appSecret) throws SQLException {
        execute(
                "INSERT INTO account (id, secret_hash, created_at) VALUES (?, ?, 0)",
                account,
                SaltedHash.hash(appSecret, 10_000));
    }

    void execute(final String sql, final Object... arguments) throws SQLException {
        try (Connection connection = connect();
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < arguments.length; i++) {
                statement.setObject(i + 1, arguments[i]);
            }
            statement.executeUpdate();
        }
    }

    /** {@code active}, {@code last_connect_time}, {@code last_disconnect_time}; null values as null. */
    record Status(boolean active, Long lastConnectTime, Long lastDisconnectTime) {}

    Status status(final String deviceId) throws SQLException {
        try (Connection connection = connect();
                var query = connection.prepareStatement(
                        "SELECT active, last_connect_time, last_disconnect_time FROM device_status WHERE device_id = ?")) {
            query.setString(1, deviceId);
            try (var rows = query.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                return new Status(rows.getBoolean(1), nullableLong(rows, 2), nullableLong(rows, 3));
            }
        }
    }

    private static Long nullableLong(final java.sql.ResultSet rows, final int column) throws SQLException {
        final long value = rows.getLong(column);
        return rows.wasNull() ? null : value;
    }

    String deviceId(final String account, final String name) throws SQLException {
        try (Connection connection = connect();
                var query = connection.prepareStatement("SELECT id FROM device WHERE account_id = ? AND name = ?")) {
            query.setString(1, account);
            query.setString(2, name);
            try (var rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private Connection connect() throws SQLException {
        return database.connect();
    }
}

package io.hiveiot.auth;

import io.hiveiot.testkit.ExtensionDatabase;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The auth schema as the extension migrates it on the run's engine (SQLite, or PostgreSQL in the second run): every
 * migration applied, and the constraints of the rebuilt credential table and the session policy enforced by the
 * database itself.
 */
class AuthSchemaTest {

    @RegisterExtension
    static final HiveMqBroker broker = HiveMqBroker.builder()
            .embeddedExtension("hive-iot-auth", 1000, AuthExtensionMain::new)
            .build();

    @Test
    void everyMigration_isApplied() throws SQLException {
        final List<Integer> versions = new ArrayList<>();
        try (Connection connection = database().connect();
                var rows = connection
                        .createStatement()
                        .executeQuery("SELECT version FROM schema_migrations ORDER BY version")) {
            while (rows.next()) {
                versions.add(rows.getInt(1));
            }
        }
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), versions);
    }

    @Test
    void basicCredential_withoutUsername_needsAnExactClientIdAndNoPassword() throws SQLException {
        final String device =
                new AuthDb(broker).addDevice("demo", "schema-basic").id();
        try (Connection connection = database().connect()) {
            insertBasic(connection, "client-only", device, null, "schema-basic-client", false, null);
            assertThrows(
                    SQLException.class,
                    () -> insertBasic(connection, "pattern", device, null, "schema-.*", true, null));
            assertThrows(
                    SQLException.class,
                    () -> insertBasic(connection, "with-password", device, null, "schema-2", false, "hash"));
            assertThrows(SQLException.class, () -> insertBasic(connection, "nothing", device, null, null, false, null));
        }
    }

    @Test
    void sessionPolicy_andTopicSpace_acceptOnlyTheirValues() throws SQLException {
        final AuthDb.Device device = new AuthDb(broker).addDevice("demo", "schema-sessions");
        try (Connection connection = database().connect()) {
            try (var rows =
                    connection.createStatement().executeQuery("SELECT topic_space FROM account WHERE id = 'demo'")) {
                rows.next();
                assertEquals("account", rows.getString(1));
            }
            assertThrows(
                    SQLException.class,
                    () -> connection
                            .createStatement()
                            .executeUpdate("UPDATE account SET topic_space = 'everything' WHERE id = 'demo'"));
            assertThrows(
                    SQLException.class,
                    () -> connection
                            .createStatement()
                            .executeUpdate("UPDATE access_token SET sessions = 'unlimited' WHERE device_id = '"
                                    + device.id() + "'"));
        }
    }

    @Test
    void deviceProfile_payloadTypeIsJsonOrProtobuf_andADeviceIsNoGatewayUnlessMadeOne() throws SQLException {
        final AuthDb.Device device = new AuthDb(broker).addDevice("demo", "schema-profiles");
        try (Connection connection = database().connect()) {
            try (var rows = connection
                    .createStatement()
                    .executeQuery(
                            "SELECT gateway, profile_id, gateway_id FROM device WHERE id = '" + device.id() + "'")) {
                rows.next();
                assertFalse(rows.getBoolean(1));
                assertNull(rows.getString(2));
                assertNull(rows.getString(3));
            }
            assertThrows(
                    SQLException.class,
                    () -> connection
                            .createStatement()
                            .executeUpdate(
                                    "INSERT INTO device_profile (id, account_id, name, payload_type, telemetry_topic,"
                                            + " attributes_topic, attributes_subscribe_topic, created_at) VALUES ('p', 'demo',"
                                            + " 'xml', 'XML', 'v1/devices/me/telemetry', 'v1/devices/me/attributes',"
                                            + " 'v1/devices/me/attributes', 0)"));
        }
    }

    private static ExtensionDatabase database() {
        return broker.database("auth");
    }

    private static void insertBasic(
            final Connection connection,
            final String id,
            final String device,
            final String username,
            final String clientId,
            final boolean clientIdRegex,
            final String passwordHash)
            throws SQLException {
        try (var insert = connection.prepareStatement("INSERT INTO basic_credential (id, device_id, username, "
                + "client_id, client_id_regex, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, 0)")) {
            insert.setString(1, id);
            insert.setString(2, device);
            insert.setString(3, username);
            insert.setString(4, clientId);
            insert.setBoolean(5, clientIdRegex);
            insert.setString(6, passwordHash);
            insert.executeUpdate();
        }
    }
}

package io.hiveiot.deviceapi.broker;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.hiveiot.testkit.Await;
import io.hiveiot.testkit.ExtensionDatabase;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.hiveiot.testkit.Publishes.qos1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A QoS 1 PUBACK is sent only once the data is committed, and a writer that cannot keep up is answered
 * explicitly. The writer is slowed down for real: the test holds a lock from a connection of its own (SQLite's write
 * lock on device-data.db, so the extension's writer waits in its busy timeout; on PostgreSQL a lock on the table of
 * ingest rows). With a writer queue of one, a third publish finds the queue full.
 */
class AcknowledgedMeansCommittedTest {

    @RegisterExtension
    static final HiveMqBroker broker =
            Brokers.withAuth().extensionConfig(Brokers.ID, """
                    <hive-iot-device-api>
                        <database>
                            <busy-timeout>PT5S</busy-timeout>
                            <writer-queue-capacity>1</writer-queue-capacity>
                        </database>
                    </hive-iot-device-api>
                    """).build();

    private final Devices devices = new Devices(broker);
    private final DeviceData data = new DeviceData(broker);

    @Test
    void blockedWriter_holdsTheAcks_refusesTheBurstExplicitly_andAcksOnlyCommittedData() throws Exception {
        final Devices.Device first = devices.create("first");
        final Devices.Device second = devices.create("second");
        final Devices.Device refused5 = devices.create("refused5");
        final Devices.Device refused3 = devices.create("refused3");
        final Mqtt5BlockingClient client1 = devices.mqtt5(first);
        final Mqtt5BlockingClient client2 = devices.mqtt5(second);
        final Mqtt5BlockingClient client5 = devices.mqtt5(refused5);
        final Mqtt3BlockingClient client3 = devices.mqtt3(refused3);
        final long overloadedBefore = count("refused.overloaded");
        // The queue holds one write: no other write of the extension may be waiting, or still to come, when the test
        // starts. On PostgreSQL a device's connection and its end are each recorded by a write of their own.
        if (broker.database("device-data").postgres()) {
            final Set<String> connected = Set.of(first.id(), second.id(), refused5.id(), refused3.id());
            assertEquals(
                    connected, Await.until(AcknowledgedMeansCommittedTest::recordedConnections, connected::equals));
        }
        assertEquals(0, Await.until(AcknowledgedMeansCommittedTest::queuedWrites, queued -> queued == 0));

        final CompletableFuture<Mqtt5PublishResult> held1;
        final CompletableFuture<Mqtt5PublishResult> held2;
        try (Connection lock = writeLock()) {
            held1 = publishAsync(client1, "{\"n\":1}");
            Thread.sleep(300); // the publish reaches the writer's queue
            assertEquals(
                    0,
                    Await.until(AcknowledgedMeansCommittedTest::queuedWrites, queued -> queued == 0),
                    "the writer takes it and waits for the lock");
            held2 = publishAsync(client2, "{\"n\":2}");
            assertEquals(1, Await.until(AcknowledgedMeansCommittedTest::queuedWrites, queued -> queued == 1));

            final Mqtt5PubAck refused = qos1(client5, "v1/devices/me/telemetry", "{\"n\":5}");
            assertEquals(Mqtt5PubAckReasonCode.QUOTA_EXCEEDED, refused.getReasonCode());
            assertEquals(
                    Optional.of("server busy, try again later"),
                    refused.getReasonString().map(Object::toString));
            client3.toAsync()
                    .publishWith()
                    .topic("v1/devices/me/telemetry")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload("{\"n\":3}".getBytes(StandardCharsets.UTF_8))
                    .send();
            assertFalse(
                    Await.until(() -> client3.getState().isConnected(), connected -> !connected),
                    "MQTT 3.1.1 has no reason codes: it is disconnected");

            assertFalse(held1.isDone(), "acknowledged before the commit");
            assertFalse(held2.isDone(), "acknowledged before the commit");
            lock.rollback();
        }
        assertEquals(Mqtt5PubAckReasonCode.SUCCESS, pubAck(held1));
        assertEquals(List.of("n=1"), data.historyValues(first.id()));
        assertEquals(Mqtt5PubAckReasonCode.SUCCESS, pubAck(held2));
        assertEquals(List.of("n=2"), data.historyValues(second.id()));
        assertEquals(List.of(), data.history(refused5.id()));
        assertEquals(List.of(), data.history(refused3.id()));
        assertEquals(overloadedBefore + 2, count("refused.overloaded"));
        assertEquals(0, count("async-timeouts"));
    }

    @Test
    void storageError_isAnsweredWithUnspecifiedError_neverWithSuccess() throws Exception {
        final Devices.Device device = devices.create("busy");
        final Mqtt5BlockingClient client = devices.mqtt5(device);
        final long errorsBefore = count("refused.storage-error");
        final Mqtt5PubAck ack;
        try (AutoCloseable failing = failingWrites()) {
            ack = pubAckOf(publishAsync(client, "{\"n\":1}"));
        }
        assertEquals(Mqtt5PubAckReasonCode.UNSPECIFIED_ERROR, ack.getReasonCode());
        assertEquals(
                Optional.of("not stored, try again later"),
                ack.getReasonString().map(Object::toString));
        assertEquals(List.of(), data.history(device.id()));
        assertEquals(errorsBefore + 1, count("refused.storage-error"));
        assertEquals(
                Mqtt5PubAckReasonCode.SUCCESS,
                qos1(client, "v1/devices/me/telemetry", "{\"n\":2}").getReasonCode());
    }

    private static CompletableFuture<Mqtt5PublishResult> publishAsync(
            final Mqtt5BlockingClient client, final String payload) {
        return client.toAsync()
                .publishWith()
                .topic("v1/devices/me/telemetry")
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload.getBytes(StandardCharsets.UTF_8))
                .send();
    }

    private static Mqtt5PubAckReasonCode pubAck(final CompletableFuture<Mqtt5PublishResult> publish) throws Exception {
        return pubAckOf(publish).getReasonCode();
    }

    private static Mqtt5PubAck pubAckOf(final CompletableFuture<Mqtt5PublishResult> publish) throws Exception {
        try {
            return ((Mqtt5PublishResult.Mqtt5Qos1Result) publish.get(20, TimeUnit.SECONDS)).getPubAck();
        } catch (final ExecutionException e) {
            if (e.getCause() instanceof Mqtt5PubAckException error) {
                return error.getMqttMessage();
            }
            throw e;
        }
    }

    /**
     * A lock that holds the extension's writer back until the connection rolls back or closes: SQLite's write lock
     * on device-data.db, or on PostgreSQL a lock on ts_ingest that lets reads through but no insert.
     */
    private static Connection writeLock() throws Exception {
        final ExtensionDatabase database = broker.database("device-data");
        final Connection connection = database.connect();
        connection.setAutoCommit(false);
        try (var statement = connection.createStatement()) {
            // SQLite: a write inside the open transaction takes the lock (WAL: one writer at a time)
            statement.execute(
                    database.postgres()
                            ? "LOCK TABLE ts_ingest IN EXCLUSIVE MODE"
                            : "DELETE FROM ts_ingest WHERE id < 0");
        }
        return connection;
    }

    /**
     * Makes the extension's writes fail until closed: SQLite's write lock held longer than the writer's busy timeout
     * (its write fails with SQLITE_BUSY); on PostgreSQL, where a writer waits for a lock as long as it is held, a
     * trigger that refuses every ingest row.
     */
    private static AutoCloseable failingWrites() throws Exception {
        final ExtensionDatabase database = broker.database("device-data");
        if (!database.postgres()) {
            final Connection lock = writeLock();
            return lock::close;
        }
        try (Connection connection = database.connect();
                var statement = connection.createStatement()) {
            statement.execute("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
                    + "$$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$");
            statement.execute("CREATE TRIGGER refuse BEFORE INSERT ON ts_ingest EXECUTE FUNCTION refuse()");
        }
        return () -> {
            try (Connection connection = database.connect();
                    var statement = connection.createStatement()) {
                statement.execute("DROP TRIGGER refuse ON ts_ingest");
                statement.execute("DROP FUNCTION refuse()");
            }
        };
    }

    /** The devices whose connections this node recorded (on PostgreSQL). */
    private static Set<String> recordedConnections() throws SQLException {
        final var devices = new HashSet<String>();
        try (Connection connection = broker.database("device-data").connect();
                var query = connection.createStatement();
                ResultSet rows = query.executeQuery("SELECT device_id FROM device_node")) {
            while (rows.next()) {
                devices.add(rows.getString(1));
            }
        }
        return devices;
    }

    private static int queuedWrites() {
        return (Integer) broker.metrics()
                .getGauges()
                .get("hive-iot.device-api.db.queued-writes")
                .getValue();
    }

    private static long count(final String metric) {
        return broker.metrics().counter("hive-iot.device-api." + metric).getCount();
    }
}

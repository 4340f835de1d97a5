package io.hiveiot.kit.session;

import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import io.hiveiot.kit.identity.ClientIdentity;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceConnectionsTest {

    private final DeviceConnections<DeviceConnection> connections = new DeviceConnections<>("test", c -> c);

    @Test
    void deviceWithTwoClientIds_keepsBoth_andIsGoneOnlyWhenBothEnd() {
        final DeviceConnection first = connection("d1", "client-a");
        final DeviceConnection second = connection("d1", "client-b");
        connections.connected(first);
        connections.connected(second);
        assertEquals(2, connections.of("d1").size());
        assertEquals(Optional.of(second), connections.latest("d1"));

        assertEquals(Optional.empty(), connections.disconnected("client-b", second.attributes()));
        assertEquals(Optional.of(first), connections.latest("d1"));
        assertEquals(Optional.of("d1"), connections.disconnected("client-a", first.attributes()));
        assertFalse(connections.isConnected("d1"));
        assertEquals(List.of(), connections.of("d1"));
    }

    @Test
    void lateEndOfATakenOverConnection_doesNotRemoveItsSuccessor() {
        final DeviceConnection old = connection("d2", "same-client");
        final DeviceConnection successor = connection("d2", "same-client");
        connections.connected(old);
        connections.connected(successor);
        assertEquals(Optional.empty(), connections.disconnected("same-client", old.attributes()));
        assertEquals(Optional.of(successor), connections.latest("d2"));
        assertEquals(1, connections.devices());
        assertEquals(Set.of("d2"), connections.deviceIds());
    }

    @Test
    void endOfAConnectionNeverAdded_changesNothing() {
        connections.connected(connection("d3", "c"));
        assertEquals(Optional.empty(), connections.disconnected("other", new Attributes()));
        assertTrue(connections.isConnected("d3"));
    }

    private static DeviceConnection connection(final String deviceId, final String clientId) {
        return new DeviceConnection(
                ClientIdentity.device("acme", deviceId, "name-" + deviceId, clientId),
                clientId,
                new Attributes(),
                true);
    }

    /** A connection's attribute store, as HiveMQ keeps it per connection. */
    private static final class Attributes implements ConnectionAttributeStore {

        private final Map<String, ByteBuffer> values = new HashMap<>();

        @Override
        public void put(final String key, final ByteBuffer value) {
            values.put(key, value);
        }

        @Override
        public void putAsString(final String key, final String value) {
            putAsString(key, value, StandardCharsets.UTF_8);
        }

        @Override
        public void putAsString(final String key, final String value, final Charset charset) {
            values.put(key, ByteBuffer.wrap(value.getBytes(charset)));
        }

        @Override
        public Optional<ByteBuffer> get(final String key) {
            return Optional.ofNullable(values.get(key)).map(ByteBuffer::duplicate);
        }

        @Override
        public Optional<String> getAsString(final String key) {
            return getAsString(key, StandardCharsets.UTF_8);
        }

        @Override
        public Optional<String> getAsString(final String key, final Charset charset) {
            return get(key).map(buffer -> charset.decode(buffer).toString());
        }

        @Override
        public Optional<Map<String, ByteBuffer>> getAll() {
            return values.isEmpty() ? Optional.empty() : Optional.of(Map.copyOf(values));
        }

        @Override
        public Optional<ByteBuffer> remove(final String key) {
            return Optional.ofNullable(values.remove(key));
        }

        @Override
        public void clear() {
            values.clear();
        }
    }
}

package io.hiveiot.benchmarks.scenario;

import com.hivemq.client.mqtt.exceptions.ConnectionClosedException;
import com.hivemq.client.mqtt.exceptions.ConnectionFailedException;
import io.hiveiot.benchmarks.load.Device;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestartStormTest {

    private static final List<Device> DEVICES = List.of(device(0), device(1), device(2));

    private static Device device(final int index) {
        return new Device(index, "d-" + index, "bench-" + index, "tok-" + index, Optional.empty());
    }

    @Test
    void failures_areSortedIntoTheStop_theClosedPort_andWhatWentWrongOnceTheBrokerListened()
            throws InterruptedException {
        final var storm = new RestartStorm(DEVICES);
        storm.disconnected(DEVICES.get(0), 0, new ConnectionClosedException("before the storm was armed"));
        storm.arm();
        for (final Device device : DEVICES) {
            storm.disconnected(device, 0, new ConnectionClosedException("server closed the connection"));
            storm.disconnected(device, 1, new ConnectionFailedException(new ConnectException("refused")));
        }
        Thread.sleep(1);
        final long listening = System.nanoTime();
        storm.disconnected(DEVICES.get(0), 2, new ConnectionFailedException(new TimeoutException()));
        storm.disconnected(DEVICES.get(1), 0, new ConnectionClosedException("again"));

        assertEquals(3, storm.lostBefore(listening));
        assertEquals(3, storm.attemptsBefore(listening));
        assertEquals(
                Map.of(
                        "ConnectionFailedException (TimeoutException)",
                        1L,
                        "lost after coming back: ConnectionClosedException",
                        1L),
                storm.refusalsFrom(listening));
    }

    @Test
    void aDeviceBackWithoutItsSession_isSettledButNotServing_andOnlyItsFirstConnackCounts()
            throws InterruptedException {
        final var storm = new RestartStorm(DEVICES.subList(0, 1));
        storm.connected(DEVICES.get(0), false);
        assertFalse(storm.awaitSettled(System.nanoTime()), "a CONNACK before the storm is the setup's");
        storm.arm();
        storm.connected(DEVICES.get(0), false);
        storm.connected(DEVICES.get(0), true);
        assertTrue(storm.awaitSettled(System.nanoTime()));
        assertEquals(1, storm.sessionLost());
        assertTrue(storm.backAt()[0] != 0);
        assertArrayEquals(new long[1], storm.servingAt());
    }
}

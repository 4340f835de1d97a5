package io.hiveiot.benchmarks.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoopbackTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.1.2.3",
                "127.255.255.254",
                "::1",
                "[::1]",
                "0:0:0:0:0:0:0:1",
                "localhost",
                "LOCALHOST",
                "::ffff:127.0.0.1"
            })
    void require_loopback_isAccepted(final String host) {
        assertTrue(Loopback.require(host).isLoopbackAddress());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.0.0.1",
                "192.168.1.10",
                "172.16.0.1",
                "8.8.8.8",
                "0.0.0.0",
                "::",
                "::ffff:10.0.0.1",
                "128.0.0.1",
                "fe80::1",
                "example.com",
                "localhost.example.com",
                "broker",
                "x:y",
                "127.0.0.1.nip.io",
                "",
                "127.1"
            })
    void require_anythingElse_isRefused(final String host) {
        assertThrows(IllegalArgumentException.class, () -> Loopback.require(host));
    }

    @Test
    void check_refusesUnresolvedAndForeignSocketAddresses() {
        assertTrue(Loopback.check(new InetSocketAddress("127.0.0.1", 1883))
                .getAddress()
                .isLoopbackAddress());
        assertThrows(
                IllegalArgumentException.class,
                () -> Loopback.check(InetSocketAddress.createUnresolved("broker.example.com", 1883)));
        assertThrows(IllegalArgumentException.class, () -> Loopback.check(new InetSocketAddress("10.1.2.3", 1883)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65_536})
    void require_badPort_isRefused(final int port) {
        assertThrows(IllegalArgumentException.class, () -> Loopback.require("127.0.0.1", port));
    }
}

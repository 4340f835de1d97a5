package io.hiveiot.benchmarks.load;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FleetTest {

    private static final Template NAME = new Template(Fleet.DEFAULT_NAME_TEMPLATE);
    private static final Template CLIENT_ID = new Template(Fleet.DEFAULT_CLIENT_ID_TEMPLATE);
    private static final Template TOKEN = new Template(Fleet.DEFAULT_TOKEN_TEMPLATE);

    @Test
    void expand_replacesIndexAndRunId() {
        assertEquals("tok-ab12-42", new Template("tok-{run}-{i}").expand(42, "ab12"));
        assertEquals("plain", new Template("plain").expand(1, "r"));
    }

    @Test
    void template_unknownPlaceholderOrBrace_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Template("dev-{id}"));
        assertThrows(IllegalArgumentException.class, () -> new Template("dev-{i"));
        assertThrows(IllegalArgumentException.class, () -> new Template("dev-i}"));
    }

    @Test
    void of_10000Devices_gets10000TokensAndClientIds() {
        final Fleet fleet = Fleet.of(10_000, "r1", NAME, CLIENT_ID, TOKEN);
        final Set<String> tokens = new HashSet<>();
        final Set<String> clientIds = new HashSet<>();
        fleet.devices().forEach(device -> {
            tokens.add(device.username());
            clientIds.add(device.clientId());
            assertTrue(device.password().isEmpty());
        });
        assertEquals(10_000, tokens.size());
        assertEquals(10_000, clientIds.size());
        assertEquals("tok-r1-9999", fleet.devices().get(9_999).username());
        assertEquals("bench-0", fleet.devices().get(0).clientId());
    }

    @Test
    void of_templateWithoutIndex_isRefusedForSeveralDevices() {
        assertThrows(IllegalArgumentException.class, () -> Fleet.of(2, "r", NAME, new Template("TbDev"), TOKEN));
        assertThrows(IllegalArgumentException.class, () -> Fleet.of(2, "r", NAME, CLIENT_ID, new Template("secret")));
        assertEquals(
                "TbDev",
                Fleet.of(1, "r", NAME, new Template("TbDev"), TOKEN)
                        .devices()
                        .get(0)
                        .clientId());
    }

    @Test
    void of_tokenWithSpaces_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> Fleet.of(1, "r", NAME, CLIENT_ID, new Template("a b{i}")));
    }

    @Test
    void slice_splitsMeasuredAndWarmUpDevices() {
        final Fleet fleet = Fleet.of(10, "r", NAME, CLIENT_ID, TOKEN);
        assertEquals(7, fleet.slice(0, 7).size());
        assertEquals(7, fleet.slice(7, 10).devices().get(0).index());
        assertThrows(IllegalArgumentException.class, () -> fleet.slice(5, 11));
    }

    @Test
    void toString_neverShowsTheToken() {
        final Device device = Fleet.of(1, "r", NAME, CLIENT_ID, TOKEN).devices().get(0);
        assertFalse(device.toString().contains(device.username()));
    }
}

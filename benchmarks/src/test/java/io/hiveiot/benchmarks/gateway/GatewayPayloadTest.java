package io.hiveiot.benchmarks.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayPayloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void messages_goRoundRobinOverTheSubDevices_withATsUniquePerSubDevice() throws Exception {
        final Set<String> points = new HashSet<>();
        final List<String> order = new ArrayList<>();
        for (int message = 0; message < 6; message++) {
            final JsonNode json = JSON.readTree(GatewayPayload.of("gw", 4, 2, message, 1_000));
            assertEquals(2, json.size());
            for (final var device : json.properties()) {
                order.add(device.getKey());
                final JsonNode point = device.getValue().get(0);
                assertTrue(points.add(device.getKey() + "@" + point.get("ts").asLong()), "a repeated point");
                assertEquals(3, point.get("values").size());
            }
        }
        assertEquals(
                List.of(
                        "gw-sub-0",
                        "gw-sub-1",
                        "gw-sub-2",
                        "gw-sub-3",
                        "gw-sub-0",
                        "gw-sub-1",
                        "gw-sub-2",
                        "gw-sub-3",
                        "gw-sub-0",
                        "gw-sub-1",
                        "gw-sub-2",
                        "gw-sub-3"),
                order);
        assertEquals(1_002, GatewayPayload.lastTs(4, 2, 6, 1_000));
        assertEquals(1_000, GatewayPayload.lastTs(4, 2, 1, 1_000));
    }
}

package io.hiveiot.benchmarks.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hiveiot.benchmarks.load.Device;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProvisionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Device DEVICE = new Device(3, "bench-r-3", "bench-3", "tok-r-3", Optional.empty());

    @Test
    void firstRun_readsTheDemoApplication() {
        final FirstRun app = FirstRun.parse("account=demo\napp-id=demo\napp-secret=s3cr3t\ndevice=demo-device\n", "x");
        assertEquals(new FirstRun("demo", "demo", "s3cr3t"), app);
        assertTrue(!app.toString().contains("s3cr3t"));
        assertThrows(IllegalArgumentException.class, () -> FirstRun.parse("account=demo\napp-id=demo\n", "x"));
    }

    @Test
    void request_isDeviceCreateWithTheTemplateToken() throws Exception {
        final JsonNode request = JSON.readTree(RegistryProvisioner.request(DEVICE));
        assertEquals("device.create", request.path("op").asText());
        assertEquals("bench-r-3", request.path("args").path("name").asText());
        assertEquals(
                "ACCESS_TOKEN",
                request.path("args").path("credentials").path("type").asText());
        assertEquals(
                "tok-r-3",
                request.path("args").path("credentials").path("token").asText());
    }

    @Test
    void problem_ofAnswers() throws Exception {
        assertNull(RegistryProvisioner.problem(
                JSON.readTree(
                        "{\"ok\":true,\"result\":{\"id\":\"x\",\"credentials\":{\"type\":\"ACCESS_TOKEN\",\"token\":\"tok-r-3\"}}}"),
                null,
                DEVICE));
        assertEquals(
                "conflict: exists",
                RegistryProvisioner.problem(
                        JSON.readTree("{\"ok\":false,\"error\":{\"code\":\"conflict\",\"message\":\"exists\"}}"),
                        null,
                        DEVICE));
        assertTrue(RegistryProvisioner.problem(
                        JSON.readTree("{\"ok\":true,\"result\":{\"credentials\":{\"token\":\"other\"}}}"), null, DEVICE)
                .startsWith("wrong-token"));
        assertEquals("IllegalStateException", RegistryProvisioner.problem(null, new IllegalStateException(), DEVICE));
    }
}

package io.hiveiot.benchmarks.cli;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import io.hiveiot.benchmarks.driver.CompareSettings;
import io.hiveiot.benchmarks.load.Backoff;
import io.hiveiot.benchmarks.scenario.FirmwareLoad;
import io.hiveiot.benchmarks.scenario.Limits;
import io.hiveiot.benchmarks.scenario.RestartLoad;
import io.hiveiot.benchmarks.scenario.ScenarioSpec;
import io.hiveiot.benchmarks.scenario.TrafficSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionsTest {

    @Test
    void parse_valuesFlagsAndEqualsForms_areRead() {
        final Options options =
                Options.parse(List.of("--devices", "5_000", "--jfr", "--out=results", "--hold", "2.5"), Set.of("jfr"));
        assertEquals(5000, options.integer("devices", 1, 1, 10_000));
        assertTrue(options.flag("jfr"));
        assertFalse(options.flag("keep-workspace"));
        assertEquals("results", options.text("out", "x"));
        assertEquals(Duration.ofMillis(2500), options.seconds("hold", Duration.ZERO, Duration.ofMinutes(1)));
        assertEquals(List.of("connect", "idle@3"), options.list("scenarios", "connect, idle@3,"));
        options.requireAllRead();
    }

    @Test
    void requireAllRead_withATypo_namesTheUnknownOption() {
        final Options options = Options.parse(List.of("--devcies", "10"), Set.of());
        options.integer("devices", 1, 1, 10);
        final var error = assertThrows(IllegalArgumentException.class, options::requireAllRead);
        assertTrue(error.getMessage().contains("--devcies"), error.getMessage());
    }

    @Test
    void integer_outOfRangeOrNotANumber_isRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> Options.parse(List.of("--devices", "0"), Set.of()).integer("devices", 1, 1, 10));
        assertThrows(
                IllegalArgumentException.class,
                () -> Options.parse(List.of("--devices", "many"), Set.of()).integer("devices", 1, 1, 10));
    }

    @Test
    void parse_malformed_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("devices"), Set.of()));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("--devices"), Set.of()));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("--a", "1", "--a", "2"), Set.of()));
    }

    @Test
    void traffic_defaults() {
        final Options options = Options.parse(List.of(), Set.of());
        final TrafficSettings traffic = TrafficSettings.read(options);
        options.requireAllRead();
        assertEquals(100, traffic.telemetryDevices());
        assertEquals(MqttQos.AT_LEAST_ONCE, traffic.qos());
        assertEquals(1, traffic.inflight());
        assertTrue(traffic.rate().isEmpty());
        assertEquals(Duration.ofSeconds(15), traffic.duration());
        assertEquals(Duration.ofSeconds(15), traffic.warmup());
        assertEquals(100, traffic.rpcDevices());
        assertEquals(1000, traffic.rpcRate());
        assertEquals(100, traffic.rpcInflight());
        assertEquals(Duration.ofSeconds(5), traffic.rpcTimeout());
        assertEquals(new FirmwareLoad(1000, 1024 * 1024, 4096, 1), traffic.firmware());
        assertEquals(
                new RestartLoad(10_000, Duration.ofHours(1), new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2))),
                traffic.restart());
    }

    @Test
    void restart_flags_areRead_andTheFirstDelayIsAtMostTheLongest() {
        final Options options = Options.parse(
                List.of(
                        "--restart-devices",
                        "2_000",
                        "--session-expiry",
                        "600",
                        "--reconnect-delay",
                        "0.5",
                        "--reconnect-max-delay",
                        "8"),
                Set.of());
        final TrafficSettings traffic = TrafficSettings.read(options);
        options.requireAllRead();
        assertEquals(
                new RestartLoad(
                        2000, Duration.ofMinutes(10), new Backoff(Duration.ofMillis(500), Duration.ofSeconds(8))),
                traffic.restart());
        assertThrows(
                IllegalArgumentException.class,
                () -> TrafficSettings.read(
                        Options.parse(List.of("--reconnect-delay", "4", "--reconnect-max-delay", "2"), Set.of())));
        assertThrows(
                IllegalArgumentException.class,
                () -> TrafficSettings.read(Options.parse(List.of("--reconnect-delay", "0"), Set.of())));
    }

    @Test
    void firmware_flags_areRead_andBoundedByWhatHiveIotFirmwareServes() {
        final Options options = Options.parse(
                List.of("--fw-devices", "50", "--fw-size", "65_536", "--fw-chunk", "16384", "--fw-servers", "4"),
                Set.of());
        final TrafficSettings traffic = TrafficSettings.read(options);
        options.requireAllRead();
        assertEquals(new FirmwareLoad(50, 65_536, 16_384, 4), traffic.firmware());
        assertEquals(traffic.firmware(), traffic.withRate(OptionalDouble.of(5)).firmware());
        assertThrows(
                IllegalArgumentException.class,
                () -> TrafficSettings.read(Options.parse(List.of("--fw-chunk", "1048577"), Set.of())));
        assertThrows(
                IllegalArgumentException.class,
                () -> TrafficSettings.read(Options.parse(List.of("--fw-size", "33554433"), Set.of())));
        assertThrows(
                IllegalArgumentException.class,
                () -> TrafficSettings.read(Options.parse(List.of("--fw-devices", "0"), Set.of())));
    }

    @Test
    void traffic_flags_areRead() {
        final Options options = Options.parse(
                List.of(
                        "--qos",
                        "2",
                        "--inflight",
                        "4",
                        "--rate",
                        "2_500",
                        "--duration",
                        "10",
                        "--traffic-warmup",
                        "0",
                        "--telemetry-devices",
                        "50",
                        "--rpc-rate",
                        "500",
                        "--rpc-devices",
                        "10",
                        "--rpc-inflight",
                        "20",
                        "--rpc-timeout",
                        "2.5"),
                Set.of());
        final TrafficSettings traffic = TrafficSettings.read(options);
        options.requireAllRead();
        assertEquals(MqttQos.EXACTLY_ONCE, traffic.qos());
        assertEquals(4, traffic.inflight());
        assertEquals(2500, traffic.rate().getAsDouble());
        assertEquals(Duration.ofSeconds(10), traffic.duration());
        assertEquals(Duration.ZERO, traffic.warmup());
        assertEquals(50, traffic.telemetryDevices());
        assertEquals(500, traffic.rpcRate());
        assertEquals(10, traffic.rpcDevices());
        assertEquals(20, traffic.rpcInflight());
        assertEquals(Duration.ofMillis(2500), traffic.rpcTimeout());
        assertTrue(traffic.withRate(OptionalDouble.empty()).rate().isEmpty());
    }

    @Test
    void traffic_badValues_areRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> TrafficSettings.read(Options.parse(List.of("--qos", "3"), Set.of())));
        assertThrows(
                IllegalArgumentException.class,
                () -> TrafficSettings.read(Options.parse(List.of("--inflight", "0"), Set.of())));
        assertThrows(
                IllegalArgumentException.class,
                () -> TrafficSettings.read(Options.parse(List.of("--duration", "0"), Set.of())));
        final TrafficSettings long_ = TrafficSettings.read(Options.parse(List.of("--duration", "60"), Set.of()));
        final var error = assertThrows(
                IllegalArgumentException.class, () -> long_.requireFits(new Limits(Duration.ofSeconds(60), 1)));
        assertTrue(error.getMessage().contains("--time-limit"), error.getMessage());
    }

    @Test
    void compare_defaults_runAllFiveScenarios_withoutAMessageLimitThatStopsTelemetry() {
        final CompareSettings settings =
                CompareSettings.read(Options.parse(List.of(), CompareSettings.FLAGS), Path.of("/work/bench"));
        assertEquals(
                List.of("connect@5", "idle@5", "telemetry@5", "rpc@5", "firmware@5"),
                settings.scenarios().stream().map(ScenarioSpec::key).toList());
        assertEquals(CompareSettings.DEFAULT_MAX_MESSAGES, settings.limits().maxMessages());
        assertEquals("100", settings.display().get("telemetry devices"));
        assertEquals("1,048,576 bytes", settings.display().get("firmware package"));
        assertThrows(
                IllegalArgumentException.class,
                () -> CompareSettings.read(
                        Options.parse(List.of("--duration", "58", "--time-limit", "60"), CompareSettings.FLAGS),
                        Path.of("/work/bench")));
    }
}

package io.hiveiot.firmware.rollout;

import io.hiveiot.firmware.pkg.PackageType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TelemetryReaderTest {

    private static List<RolloutReport> read(final String payload) {
        return TelemetryReader.read(payload.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void read_plainObject_findsStateAndCurrentVersion() {
        assertEquals(
                List.of(new RolloutReport(
                        PackageType.FIRMWARE,
                        Optional.of("UPDATED"),
                        Optional.empty(),
                        Optional.of("tb"),
                        Optional.of("1.1"))),
                read("{\"temperature\":20,\"fw_state\":\"UPDATED\",\"current_fw_title\":\"tb\","
                        + "\"current_fw_version\":\"1.1\"}"));
    }

    @Test
    void read_tsValuesAndArrays_laterValuesWin() {
        assertEquals(
                List.of(new RolloutReport(
                        PackageType.FIRMWARE,
                        Optional.of("FAILED"),
                        Optional.of("bad crc"),
                        Optional.empty(),
                        Optional.empty())),
                read("[{\"ts\":1,\"values\":{\"fw_state\":\"DOWNLOADING\"}},"
                        + "{\"ts\":2,\"values\":{\"fw_state\":\"FAILED\",\"fw_error\":\"bad crc\"}}]"));
    }

    @Test
    void readGateway_findsEachSubDevicesReports_andSkipsPartsThatAreNoArrays() {
        final var reports = TelemetryReader.readGateway(("{\"A\":[{\"ts\":1,\"values\":{\"fw_state\":\"UPDATED\"}}],"
                        + "\"B\":[{\"t\":1}],\"C\":{\"fw_state\":\"FAILED\"},\"D\":[{\"sw_state\":\"UPDATING\"}]}")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("A", "D"), List.copyOf(reports.keySet()));
        assertEquals(Optional.of("UPDATED"), reports.get("A").get(0).state());
        assertEquals(PackageType.SOFTWARE, reports.get("D").get(0).type());
        assertEquals(
                Map.of(), TelemetryReader.readGateway("[{\"fw_state\":\"UPDATED\"}]".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void read_softwareAndFirmware_giveOneReportEach() {
        final List<RolloutReport> reports = read("{fw_state:'VERIFIED', sw_state:'UPDATING'}");
        assertEquals(2, reports.size());
        assertEquals(PackageType.FIRMWARE, reports.get(0).type());
        assertEquals(Optional.of("UPDATING"), reports.get(1).state());
    }

    @Test
    void read_ordinaryOrBrokenTelemetry_findsNothing() {
        assertEquals(List.of(), read("{\"temperature\":20}"));
        assertEquals(List.of(), read("{\"fw_state\":"));
        assertEquals(List.of(), read("\"fw_state\""));
        assertEquals(List.of(), read("{\"fw_state\":{\"nested\":1}}"));
        assertEquals(List.of(), read(""));
    }

    @Test
    void read_longValues_areCut() {
        final String error = "e".repeat(5000);
        assertEquals(
                TelemetryReader.MAX_ERROR_LENGTH,
                read("{\"fw_state\":\"FAILED\",\"fw_error\":\"" + error + "\"}")
                        .get(0)
                        .error()
                        .orElseThrow()
                        .length());
    }
}

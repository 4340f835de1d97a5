package io.hiveiot.deviceapi.device;

import io.hiveiot.deviceapi.attributes.Attributes;
import io.hiveiot.deviceapi.payload.KeySelection;
import io.hiveiot.deviceapi.payload.KeyValue;
import io.hiveiot.deviceapi.payload.TypedValue;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AttributeResponseTest {

    private static final Attributes STORED = new Attributes(
            List.of(new KeyValue("model", new TypedValue.StringValue("T1"))),
            List.of(
                    new KeyValue("interval", new TypedValue.LongValue(60)),
                    new KeyValue("fw_title", new TypedValue.StringValue("stale"))));

    @Test
    void emptySections_areLeftOut() {
        assertEquals(
                "{}", AttributeResponse.json(new Attributes(List.of(), List.of()), KeySelection.ALL, Optional.empty()));
        assertEquals(
                "{\"client\":{\"model\":\"T1\"}}",
                AttributeResponse.json(
                        new Attributes(STORED.client(), List.of()), KeySelection.NONE, Optional.empty()));
    }

    @Test
    void firmwareKeys_areMergedIntoShared_andWinOverStoredOnes() {
        assertEquals(
                "{\"client\":{\"model\":\"T1\"},\"shared\":{\"interval\":60,\"fw_title\":\"fw\","
                        + "\"fw_version\":\"1.2\",\"fw_size\":1024}}",
                AttributeResponse.json(
                        STORED,
                        KeySelection.ALL,
                        Optional.of("{\"fw_title\":\"fw\",\"fw_version\":\"1.2\",\"fw_size\":1024}")));
    }

    @Test
    void firmwareKeys_followTheRequestsSharedKeys() {
        assertEquals(
                "{\"shared\":{\"fw_version\":\"1.2\"}}",
                AttributeResponse.json(
                        new Attributes(List.of(), List.of()),
                        KeySelection.of(Set.of("fw_version")),
                        Optional.of("{\"fw_title\":\"fw\",\"fw_version\":\"1.2\"}")));
        assertEquals(
                "{}",
                AttributeResponse.json(
                        new Attributes(List.of(), List.of()), KeySelection.NONE, Optional.of("{\"fw_title\":\"fw\"}")));
    }

    @Test
    void malformedFirmwareAttribute_isIgnored() {
        assertEquals(
                "{}",
                AttributeResponse.json(
                        new Attributes(List.of(), List.of()), KeySelection.ALL, Optional.of("not json")));
        assertEquals(
                "{}",
                AttributeResponse.json(new Attributes(List.of(), List.of()), KeySelection.ALL, Optional.of("[1]")));
    }
}

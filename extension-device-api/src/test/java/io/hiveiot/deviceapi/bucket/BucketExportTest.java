package io.hiveiot.deviceapi.bucket;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BucketExportTest {

    @Test
    void csv_quotesWhatNeedsQuoting_andWritesOtherBytesAsBase64() {
        final var records = List.of(
                new BucketRecord(1, 10, "accounts/a/t", "plain".getBytes(StandardCharsets.UTF_8)),
                new BucketRecord(2, 11, "accounts/a/t,x", "say \"hi\"\r\n".getBytes(StandardCharsets.UTF_8)),
                new BucketRecord(3, 12, "accounts/a/t", new byte[] {(byte) 0xc3}));
        assertEquals(
                "ts,topic,encoding,payload\r\n"
                        + "10,accounts/a/t,utf-8,plain\r\n"
                        + "11,\"accounts/a/t,x\",utf-8,\"say \"\"hi\"\"\r\n\"\r\n"
                        + "12,accounts/a/t,base64,ww==\r\n",
                BucketExport.csv(records));
    }

    @Test
    void cursor_roundTrips_andGarbageIsNoCursor() {
        final var last = new BucketRecord(9_000_000_000L, 1_700_000_000_000L, "t", new byte[0]);
        final BucketRecord decoded =
                BucketExport.decodeCursor(BucketExport.cursor(last)).orElseThrow();
        assertEquals(last.id(), decoded.id());
        assertEquals(last.ts(), decoded.ts());
        assertEquals(Optional.empty(), BucketExport.decodeCursor("???"));
        assertEquals(Optional.empty(), BucketExport.decodeCursor("bm9jb2xvbg"));
    }
}

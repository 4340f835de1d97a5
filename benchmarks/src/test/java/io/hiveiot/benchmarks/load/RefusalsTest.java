package io.hiveiot.benchmarks.load;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RefusalsTest {

    @Test
    void reason_unwrapsCompletionExceptions() {
        assertEquals(Refusals.TIMEOUT, Refusals.reason(new CompletionException(new TimeoutException())));
        assertEquals("ConnectException", Refusals.reason(new CompletionException(new ConnectException("refused"))));
    }

    @Test
    void code_isHexWithName() {
        assertEquals("0x86 BAD_USER_NAME_OR_PASSWORD", Refusals.code(0x86, "BAD_USER_NAME_OR_PASSWORD"));
        assertEquals("0x05 NOT_AUTHORIZED", Refusals.code(5, "NOT_AUTHORIZED"));
    }
}

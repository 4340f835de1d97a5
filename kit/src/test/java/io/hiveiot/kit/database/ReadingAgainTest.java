package io.hiveiot.kit.database;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReadingAgainTest {

    @Test
    void everyMessageAndEveryGap_readsTheStateAgain() {
        final AtomicInteger reads = new AtomicInteger();
        final Notifications.Listener listener = Notifications.Listener.readingAgain("test state", () -> {
            reads.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        });

        listener.message("{\"any\":1}");
        listener.missed();

        assertEquals(2, reads.get());
    }

    @Test
    void aFailedRead_isLoggedAndTheNextMessageReadsAgain() {
        final AtomicInteger reads = new AtomicInteger();
        final Notifications.Listener listener = Notifications.Listener.readingAgain("test state", () -> {
            reads.incrementAndGet();
            return CompletableFuture.failedFuture(new IllegalStateException("database gone"));
        });

        listener.message("first");
        listener.message("second");

        assertEquals(2, reads.get());
    }
}

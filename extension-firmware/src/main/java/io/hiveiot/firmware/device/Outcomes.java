package io.hiveiot.firmware.device;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The cause a finished future failed with, without the wrapping the future chain adds. */
final class Outcomes {

    private Outcomes() {
    }

    /** The failure of a completed future; null when it succeeded. */
    static Throwable failure(final CompletableFuture<?> future) {
        if (!future.isCompletedExceptionally()) {
            return null;
        }
        try {
            future.join();
            return null;
        } catch (final CompletionException | CancellationException e) {
            return unwrap(e);
        }
    }

    static Throwable unwrap(final Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}

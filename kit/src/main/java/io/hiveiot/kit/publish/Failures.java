package io.hiveiot.kit.publish;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The cause a future failed with, without the wrapping that future chains and executors add. */
public final class Failures {

    private Failures() {}

    public static Throwable cause(final Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}

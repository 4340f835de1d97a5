package io.hiveiot.kit.publish;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.SlidingTimeWindowArrayReservoir;
import com.codahale.metrics.Timer;

import java.util.concurrent.TimeUnit;

/**
 * The counters of one extension's committed answers, under its metric prefix. {@code async-timeouts} must stay
 * at 0: it counts answers that came after HiveMQ's async timeout, whose fallback may already have acknowledged
 * the publish.
 */
public final class AnswerMetrics {

    final Counter overloaded;
    final Counter storageErrors;
    final Counter asyncTimeouts;
    final Counter unacknowledgedFailures;
    final Counter internalErrors;
    /**
     * Over the last minute: the default reservoir takes a lock and a sorted map insert per update, on the thread
     * that completes the answer (often the writer), for every message.
     */
    final Timer commitWait;

    /** @param prefix the extension's metric prefix, e.g. {@code hive-iot.device-api.} */
    public AnswerMetrics(final MetricRegistry registry, final String prefix) {
        overloaded = registry.counter(prefix + "refused.overloaded");
        storageErrors = registry.counter(prefix + "refused.storage-error");
        asyncTimeouts = registry.counter(prefix + "async-timeouts");
        unacknowledgedFailures = registry.counter(prefix + "qos0.failed");
        internalErrors = registry.counter(prefix + "internal-errors");
        commitWait = registry.timer(
                prefix + "commit-wait", () -> new Timer(new SlidingTimeWindowArrayReservoir(1, TimeUnit.MINUTES)));
    }
}

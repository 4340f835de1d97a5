package io.hiveiot.kit.publish;

import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import io.hiveiot.kit.database.StoreOverloadedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Answers a publish that an interceptor consumes with what its work concluded, so that a QoS 1/2
 * acknowledgement means the work is done (for a store: committed).
 * <p>
 * HiveMQ holds the client's later packets while the interceptor is async, so a client's publishes are handled in
 * order. The async timeout is only a safety net: its fallback carries an explicit error code, never a silent
 * success, and an answer that arrives after it is counted in {@code async-timeouts}. A full store queue is
 * refused at once with 0x97 (quota exceeded) so that the client backs off; any other failure is 0x80. QoS 0 is
 * answered at once without holding the client back; a failure of its work can then only be counted.
 */
public final class CommittedAnswer {

    private static final Logger log = LoggerFactory.getLogger(CommittedAnswer.class);

    private final String extension;
    private final Duration asyncTimeout;
    private final AnswerMetrics metrics;

    /**
     * @param extension    the extension's id, for log lines
     * @param asyncTimeout HiveMQ's async timeout for an answer; long enough never to fire (a full queue is
     *                     refused instead of waited on)
     */
    public CommittedAnswer(final String extension, final Duration asyncTimeout, final AnswerMetrics metrics) {
        this.extension = extension;
        this.asyncTimeout = asyncTimeout;
        this.metrics = metrics;
    }

    /**
     * Consumes the publish (it is never routed) and answers it with the verdict of {@code work}.
     *
     * @param topic    the publish's topic, and
     * @param clientId the client that sent it, for log lines
     * @param work     starts the work on a thread of the extension's own and returns its future; it runs on the
     *                 broker's thread, so it must not block
     */
    public void consume(
            final PublishInboundOutput output,
            final Qos qos,
            final String topic,
            final String clientId,
            final Supplier<CompletableFuture<Verdict>> work) {
        answer(output, qos, topic, clientId, work, true);
    }

    /**
     * Holds the publish until {@code work} is done, then lets it go on to the rest of the interceptor chain and
     * its subscribers, or refuses it: a publish whose work failed is never routed as if it had succeeded.
     */
    public void passOn(
            final PublishInboundOutput output,
            final Qos qos,
            final String topic,
            final String clientId,
            final Supplier<CompletableFuture<Verdict>> work) {
        answer(output, qos, topic, clientId, work, false);
    }

    private void answer(
            final PublishInboundOutput output,
            final Qos qos,
            final String topic,
            final String clientId,
            final Supplier<CompletableFuture<Verdict>> work,
            final boolean consumes) {
        if (qos == Qos.AT_MOST_ONCE) {
            if (consumes) {
                output.preventPublishDelivery();
            }
            start(work).whenComplete((verdict, failure) -> {
                if (failure != null) {
                    metrics.unacknowledgedFailures.inc();
                    log.debug(
                            "{}: QoS 0 publish on {} from {} not handled: {}",
                            extension,
                            topic,
                            clientId,
                            Failures.cause(failure).toString());
                }
            });
            return;
        }
        final long started = System.nanoTime();
        final CompletableFuture<Verdict> outcome = start(work);
        if (outcome.isDone()) {
            conclude(output, topic, clientId, outcome, started, consumes);
            return;
        }
        final Async<PublishInboundOutput> async = output.async(
                asyncTimeout,
                TimeoutFallback.FAILURE,
                AckReasonCode.UNSPECIFIED_ERROR,
                "timed out waiting for storage");
        outcome.whenComplete((verdict, failure) -> {
            try {
                if (System.nanoTime() - started >= asyncTimeout.toNanos()) {
                    metrics.asyncTimeouts.inc();
                }
                conclude(async.getOutput(), topic, clientId, outcome, started, consumes);
            } catch (final RuntimeException e) {
                internalError(async.getOutput(), topic, clientId, e);
            } finally {
                async.resume();
            }
        });
    }

    /**
     * Answers a publish whose handling threw on the broker's thread: an interceptor that throws would let HiveMQ
     * acknowledge it with success, so every consuming interceptor catches everything and ends here.
     */
    public void internalError(
            final PublishInboundOutput output, final String topic, final String clientId, final Throwable error) {
        metrics.internalErrors.inc();
        log.error("{}: unexpected error on {} from {}", extension, topic, clientId, error);
        output.preventPublishDelivery(AckReasonCode.UNSPECIFIED_ERROR, "internal error");
    }

    private void conclude(
            final PublishInboundOutput output,
            final String topic,
            final String clientId,
            final CompletableFuture<Verdict> outcome,
            final long started,
            final boolean consumes) {
        final Verdict verdict;
        try {
            verdict = outcome.join();
        } catch (final RuntimeException failure) {
            failed(output, topic, clientId, Failures.cause(failure));
            return;
        }
        if (!verdict.accepted()) {
            output.preventPublishDelivery(verdict.code(), verdict.reason());
            return;
        }
        metrics.commitWait.update(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        if (consumes) {
            output.preventPublishDelivery();
        }
    }

    private void failed(
            final PublishInboundOutput output, final String topic, final String clientId, final Throwable cause) {
        if (cause instanceof StoreOverloadedException) {
            metrics.overloaded.inc();
            log.debug("{}: refused a publish on {} from {}: {}", extension, topic, clientId, cause.getMessage());
            output.preventPublishDelivery(AckReasonCode.QUOTA_EXCEEDED, "server busy, try again later");
        } else {
            metrics.storageErrors.inc();
            log.warn("{}: a publish on {} from {} was not stored: {}", extension, topic, clientId, cause.toString());
            output.preventPublishDelivery(AckReasonCode.UNSPECIFIED_ERROR, "not stored, try again later");
        }
    }

    /** The work's future; work that throws instead of failing its future fails it here. */
    private static CompletableFuture<Verdict> start(final Supplier<CompletableFuture<Verdict>> work) {
        try {
            return work.get();
        } catch (final RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}

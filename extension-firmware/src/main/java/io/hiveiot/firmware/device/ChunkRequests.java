package io.hiveiot.firmware.device;

import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import io.hiveiot.firmware.assign.DeviceSession;
import io.hiveiot.firmware.chunk.BadChunkRequest;
import io.hiveiot.firmware.chunk.ChunkRequest;
import io.hiveiot.firmware.chunk.ChunkServer;
import io.hiveiot.firmware.chunk.OtaError;
import io.hiveiot.kit.database.StoreOverloadedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A device's {@code v2/fw/...} and {@code v2/sw/...} publishes, always consumed: answered with the chunk, or with an
 * error on {@code v2/fw/error}. Most chunks come from the cache at once; the interceptor goes async only when the
 * package must first be read into it, or the connection's assignments are not read yet.
 */
final class ChunkRequests {

    private static final Logger log = LoggerFactory.getLogger(ChunkRequests.class);

    private final DeviceSession session;
    private final ChunkServer chunks;
    private final ChunkServer.Memory memory = ChunkServer.newMemory();
    private final ChunkReplies replies;
    private final FirmwareMetrics metrics;
    private final Duration asyncTimeout;

    ChunkRequests(final DeviceSession session, final ChunkServer chunks, final FirmwareMetrics metrics,
                  final Duration asyncTimeout) {
        this.session = session;
        this.chunks = chunks;
        this.replies = new ChunkReplies(session, metrics);
        this.metrics = metrics;
        this.asyncTimeout = asyncTimeout;
    }

    void handle(final String topic, final byte[] payload, final PublishInboundOutput output) {
        final ChunkRequest request;
        try {
            request = ChunkRequest.parse(topic, payload);
        } catch (final BadChunkRequest e) {
            replies.error(output, topic, e);
            return;
        }
        final CompletableFuture<ByteBuffer> chunk = chunks.serve(session, memory, request);
        if (chunk.isDone()) {
            answer(output, topic, request, chunk);
            return;
        }
        final Async<PublishInboundOutput> async = output.async(asyncTimeout, TimeoutFallback.FAILURE,
                AckReasonCode.UNSPECIFIED_ERROR, "timed out reading the package");
        final long started = System.nanoTime();
        chunk.whenComplete((bytes, failure) -> {
            try {
                if (System.nanoTime() - started >= asyncTimeout.toNanos()) {
                    metrics.asyncTimeouts.inc();
                }
                answer(async.getOutput(), topic, request, chunk);
            } catch (final RuntimeException e) {
                metrics.internalErrors.inc();
                log.error("hive-iot-firmware: chunk answer to {} failed", session.brokerClientId(), e);
                async.getOutput().preventPublishDelivery(AckReasonCode.UNSPECIFIED_ERROR, "internal error");
            } finally {
                async.resume();
            }
        });
    }

    private void answer(final PublishInboundOutput output, final String topic, final ChunkRequest request,
                        final CompletableFuture<ByteBuffer> chunk) {
        final Throwable failure = Outcomes.failure(chunk);
        if (failure == null) {
            replies.chunk(output, request, chunk.join());
        } else if (failure instanceof BadChunkRequest bad) {
            replies.error(output, topic, bad);
        } else {
            log.debug("hive-iot-firmware: package for {} not read: {}", session.brokerClientId(), failure.toString());
            replies.error(output, topic, new BadChunkRequest(OtaError.FAILURE, failure instanceof
                    StoreOverloadedException ? "server busy, try again later" : OtaError.FAILURE.reason()));
        }
    }
}

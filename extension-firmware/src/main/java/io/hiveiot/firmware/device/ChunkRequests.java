package io.hiveiot.firmware.device;

import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import io.hiveiot.firmware.assign.DeviceSession;
import io.hiveiot.firmware.chunk.BadChunkRequest;
import io.hiveiot.firmware.chunk.ChunkRequest;
import io.hiveiot.firmware.chunk.ChunkServer;
import io.hiveiot.firmware.chunk.OtaError;
import io.hiveiot.kit.database.StoreOverloadedException;
import io.hiveiot.kit.publish.CommittedAnswer;
import io.hiveiot.kit.publish.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;

/**
 * A device's {@code v2/fw/...} and {@code v2/sw/...} publishes, always consumed: answered with the chunk, or with an
 * error on {@code v2/fw/error}. Most chunks come from the cache at once; the interceptor goes async only when the
 * package must first be read into it.
 */
final class ChunkRequests {

    private static final Logger log = LoggerFactory.getLogger(ChunkRequests.class);

    private final DeviceSession session;
    private final ChunkServer chunks;
    private final ChunkServer.Memory memory = ChunkServer.newMemory();
    private final ChunkReplies replies;
    private final CommittedAnswer committed;

    ChunkRequests(
            final DeviceSession session,
            final ChunkServer chunks,
            final FirmwareMetrics metrics,
            final CommittedAnswer committed) {
        this.session = session;
        this.chunks = chunks;
        this.replies = new ChunkReplies(session, metrics);
        this.committed = committed;
    }

    void handle(final String topic, final byte[] payload, final Qos qos, final PublishInboundOutput output) {
        committed.consume(output, qos, topic, session.brokerClientId(), () -> {
            final ChunkRequest request;
            try {
                request = ChunkRequest.parse(topic, payload);
            } catch (final BadChunkRequest e) {
                return CompletableFuture.completedFuture(replies.error(topic, e));
            }
            return chunks.serve(session, memory, request)
                    .handle((bytes, failure) -> failure == null
                            ? replies.chunk(request, bytes)
                            : replies.error(topic, asChunkError(Failures.cause(failure))));
        });
    }

    private BadChunkRequest asChunkError(final Throwable failure) {
        if (failure instanceof BadChunkRequest bad) {
            return bad;
        }
        log.debug("hive-iot-firmware: package for {} not read: {}", session.brokerClientId(), failure.toString());
        return new BadChunkRequest(
                OtaError.FAILURE,
                failure instanceof StoreOverloadedException
                        ? "server busy, try again later"
                        : OtaError.FAILURE.reason());
    }
}

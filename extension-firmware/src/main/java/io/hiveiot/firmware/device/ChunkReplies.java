package io.hiveiot.firmware.device;

import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import com.hivemq.extension.sdk.api.services.publish.PublishToClientResult;
import io.hiveiot.firmware.assign.DeviceSession;
import io.hiveiot.firmware.chunk.BadChunkRequest;
import io.hiveiot.firmware.chunk.ChunkRequest;
import io.hiveiot.firmware.chunk.OtaError;
import io.hiveiot.kit.api.ReplySubscriptions;
import io.hiveiot.kit.publish.Verdict;
import io.hiveiot.kit.thingsboard.DeviceTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Sends a chunk request's answer to the one device that asked, whether or not it subscribed to the exact topic
 * (ThingsBoard's SDK and example subscribe to {@code v2/fw/response/+}, which matches no chunk topic): the reply
 * subscription is added once per connection, then {@code publishToClient}. The request is acknowledged once the
 * answer is handed to the broker; the interceptor never waits for its delivery, which runs in the same per-client
 * queue.
 */
final class ChunkReplies {

    private static final Logger log = LoggerFactory.getLogger(ChunkReplies.class);

    private final DeviceSession session;
    private final FirmwareMetrics metrics;

    ChunkReplies(final DeviceSession session, final FirmwareMetrics metrics) {
        this.session = session;
        this.metrics = metrics;
    }

    Verdict chunk(final ChunkRequest request, final ByteBuffer bytes) {
        metrics.chunksServed.inc();
        metrics.chunkBytes.inc(bytes.remaining());
        send(ChunkRequest.responseFilter(request.type()), request.responseTopic(), bytes);
        return Verdict.ACCEPTED;
    }

    Verdict error(final String topic, final BadChunkRequest bad) {
        final OtaError error = bad.error();
        metrics.chunkError(error);
        log.debug("hive-iot-firmware: {} for {} on {}: {}", error, session.brokerClientId(), topic, bad.getMessage());
        send(
                DeviceTopic.FIRMWARE_ERROR,
                DeviceTopic.FIRMWARE_ERROR,
                ByteBuffer.wrap(error.name().getBytes(StandardCharsets.US_ASCII)));
        // A reason code would make HiveMQ disconnect an MQTT 3.1.1 device before it reads the error topic.
        return session.mqtt5() ? Verdict.refused(error.reasonCode(), bad.getMessage()) : Verdict.ACCEPTED;
    }

    private void send(final String filter, final String topic, final ByteBuffer payload) {
        final var publish = Builders.publish()
                .topic(topic)
                .qos(Qos.AT_LEAST_ONCE)
                .payload(payload)
                .build();
        final String clientId = session.brokerClientId();
        ReplySubscriptions.ensure(session.connection().attributes(), clientId, filter)
                .thenCompose(added -> Services.publishService().publishToClient(publish, clientId))
                .whenComplete((result, failure) -> {
                    if (failure != null || result != PublishToClientResult.SUCCESSFUL) {
                        log.debug(
                                "hive-iot-firmware: {} to {} not sent: {}",
                                topic,
                                clientId,
                                failure != null ? failure.toString() : result);
                    }
                });
    }
}

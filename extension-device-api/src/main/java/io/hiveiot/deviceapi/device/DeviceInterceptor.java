package io.hiveiot.deviceapi.device;

import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.PublishPacket;
import io.hiveiot.deviceapi.payload.BadPayloadException;
import io.hiveiot.kit.api.PayloadBytes;
import io.hiveiot.kit.identity.ClientIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one interceptor of a device connection: consumes every {@code v1/devices/me/...} publish except the claim
 * topic and answers it explicitly, whatever happens (an interceptor that throws would let HiveMQ acknowledge QoS 1
 * with success).
 * <p>
 * QoS 1 and 2 are acknowledged only after the data is committed (DESIGN.md §2 rule 6): the interceptor goes async,
 * starts the write, and resumes when the group-committing writer completes it. HiveMQ holds the client's later
 * packets meanwhile, so a device's publishes are stored in order. QoS 0 is stored without holding the client
 * back; a failure then can only be counted.
 */
public final class DeviceInterceptor implements PublishInboundInterceptor {

    private static final Logger log = LoggerFactory.getLogger(DeviceInterceptor.class);

    private final ClientIdentity device;
    private final DeviceTopics topics;
    private final Answers answers;
    private final DeviceApiMetrics metrics;
    private final Duration asyncTimeout;
    private final Clock clock;

    /** One per connection: the identity is fixed for the connection's lifetime. */
    public DeviceInterceptor(final ClientIdentity device, final DeviceTopics topics, final DeviceApiMetrics metrics,
                             final Duration asyncTimeout, final Clock clock) {
        this.device = device;
        this.topics = topics;
        this.answers = new Answers(metrics);
        this.metrics = metrics;
        this.asyncTimeout = asyncTimeout;
        this.clock = clock;
    }

    @Override
    public void onInboundPublish(final PublishInboundInput input, final PublishInboundOutput output) {
        final PublishPacket packet = input.getPublishPacket();
        final String topic = packet.getTopic();
        if (!DeviceTopics.consumes(topic)) {
            return;
        }
        final String clientId = input.getClientInformation().getClientId();
        try {
            final Optional<TopicHandler> handler = topics.find(topic);
            if (handler.isEmpty()) {
                answers.unknownTopic(output, clientId, topic);
                return;
            }
            final var publish = new DevicePublish(device, clientId, topic, PayloadBytes.of(packet.getPayload()),
                    input.getConnectionInformation().getConnectionAttributeStore(), clock.millis());
            final TopicHandler.Work work;
            try {
                work = handler.get().parse(publish);
            } catch (final BadPayloadException e) {
                answers.badPayload(output, publish, e);
                return;
            }
            if (packet.getQos() == Qos.AT_MOST_ONCE) {
                startUnacknowledged(output, publish, work);
            } else {
                startAcknowledged(output, publish, work);
            }
        } catch (final RuntimeException | StackOverflowError e) {
            log.error("hive-iot-device-api: unexpected error on {} from {}", topic, clientId, e);
            output.preventPublishDelivery(AckReasonCode.UNSPECIFIED_ERROR, "internal error");
        }
    }

    private void startUnacknowledged(final PublishInboundOutput output, final DevicePublish publish,
                                     final TopicHandler.Work work) {
        Answers.accepted(output);
        start(work).whenComplete((done, failure) -> {
            if (failure != null) {
                metrics.unacknowledgedFailures.inc();
                log.debug("hive-iot-device-api: QoS 0 {} from {} not handled: {}", publish.topic(),
                        publish.brokerClientId(), failure.toString());
            }
        });
    }

    private void startAcknowledged(final PublishInboundOutput output, final DevicePublish publish,
                                   final TopicHandler.Work work) {
        // The reason code applies if the safety net ever fires: an explicit error rather than a silent success.
        final Async<PublishInboundOutput> async = output.async(asyncTimeout, TimeoutFallback.FAILURE,
                AckReasonCode.UNSPECIFIED_ERROR, "timed out waiting for storage");
        final long started = System.nanoTime();
        start(work).whenComplete((done, failure) -> {
            try {
                final long waited = System.nanoTime() - started;
                if (waited >= asyncTimeout.toNanos()) {
                    metrics.asyncTimeouts.inc();
                }
                if (failure == null) {
                    metrics.commitWait.update(waited, TimeUnit.NANOSECONDS);
                    Answers.accepted(async.getOutput());
                } else {
                    answers.failed(async.getOutput(), publish, failure);
                }
            } finally {
                async.resume();
            }
        });
    }

    /** The work's future; a work that throws instead of failing its future fails it here. */
    private static CompletableFuture<Void> start(final TopicHandler.Work work) {
        try {
            return work.start();
        } catch (final RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}

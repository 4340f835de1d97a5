package io.hiveiot.tracking.tracker;

import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.general.MqttVersion;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.PublishPacket;
import io.hiveiot.kit.api.PayloadBytes;
import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.database.StoreOverloadedException;
import io.hiveiot.tracking.TrackingMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Consumes every publish on the tracking topics of one connection and answers it explicitly (an interceptor
 * that throws would let HiveMQ acknowledge with success). Since {@code preventPublishDelivery} skips
 * authorization, the account is the connection's, checked against the device's.
 * <p>
 * A refused message changes nothing. MQTT 5 gets the reason code (0x87 for uid/key problems, 0x99 for a bad
 * payload) with a reason string; MQTT 3.1.1 has no way to hear a reason, and HiveMQ would disconnect it for
 * one, so its message is dropped with a plain acknowledgement and counted: trackers reconnect in tight loops,
 * and a disconnect would only make them hammer the broker. Overload is different: it is refused with a code
 * on both versions (MQTT 3.1.1 is disconnected), because an acknowledgement must mean the update is stored.
 */
public final class TrackerInterceptor implements PublishInboundInterceptor {

    private static final Logger log = LoggerFactory.getLogger(TrackerInterceptor.class);

    private final ClientIdentity client;
    private final TrackingTopics topics;
    private final TrackerMessageParser parser;
    private final TrackerCommands commands;
    private final TrackingMetrics metrics;
    private final Duration asyncTimeout;

    /** One per connection: the identity is fixed for the connection's lifetime. */
    public TrackerInterceptor(final ClientIdentity client, final TrackingTopics topics,
                              final TrackerMessageParser parser, final TrackerCommands commands,
                              final TrackingMetrics metrics, final Duration asyncTimeout) {
        this.client = client;
        this.topics = topics;
        this.parser = parser;
        this.commands = commands;
        this.metrics = metrics;
        this.asyncTimeout = asyncTimeout;
    }

    @Override
    public void onInboundPublish(final PublishInboundInput input, final PublishInboundOutput output) {
        final PublishPacket packet = input.getPublishPacket();
        if (!topics.isTracking(packet.getTopic())) {
            return;
        }
        final String clientId = input.getClientInformation().getClientId();
        final boolean mqtt5 = input.getConnectionInformation().getMqttVersion() == MqttVersion.V_5;
        try {
            final TrackerMessage message;
            try {
                message = parser.parse(PayloadBytes.of(packet.getPayload()));
            } catch (final BadTrackerMessage e) {
                refuse(output, mqtt5, clientId, e);
                return;
            }
            if (packet.getQos() == Qos.AT_MOST_ONCE) {
                output.preventPublishDelivery();
                start(clientId, message).whenComplete((refusal, failure) -> {
                    refusal.ifPresent(bad -> countRefusal(clientId, bad));
                    if (failure != null) {
                        metrics.unacknowledgedFailures.inc();
                        log.debug("hive-iot-tracking: QoS 0 message of {} not handled: {}", clientId,
                                failure.toString());
                    }
                });
            } else {
                acknowledgeWhenDone(output, mqtt5, clientId, message);
            }
        } catch (final RuntimeException e) {
            log.error("hive-iot-tracking: unexpected error on {} from {}", packet.getTopic(), clientId, e);
            output.preventPublishDelivery(AckReasonCode.UNSPECIFIED_ERROR, "internal error");
        }
    }

    private void acknowledgeWhenDone(final PublishInboundOutput output, final boolean mqtt5, final String clientId,
                                     final TrackerMessage message) {
        // The reason code applies if the safety net ever fires: an explicit error rather than a silent success.
        final Async<PublishInboundOutput> async = output.async(asyncTimeout, TimeoutFallback.FAILURE,
                AckReasonCode.UNSPECIFIED_ERROR, "timed out waiting for storage");
        final long started = System.nanoTime();
        start(clientId, message).whenComplete((refusal, failure) -> {
            try {
                final long waited = System.nanoTime() - started;
                if (waited >= asyncTimeout.toNanos()) {
                    metrics.asyncTimeouts.inc();
                }
                if (failure != null) {
                    failed(async.getOutput(), clientId, failure);
                } else if (refusal.isPresent()) {
                    refuse(async.getOutput(), mqtt5, clientId, refusal.get());
                } else {
                    metrics.commitWait.update(waited, TimeUnit.NANOSECONDS);
                    async.getOutput().preventPublishDelivery();
                }
            } catch (final RuntimeException e) {
                log.error("hive-iot-tracking: unexpected error answering {}", clientId, e);
                async.getOutput().preventPublishDelivery(AckReasonCode.UNSPECIFIED_ERROR, "internal error");
            } finally {
                async.resume();
            }
        });
    }

    private CompletableFuture<Optional<BadTrackerMessage>> start(final String clientId, final TrackerMessage message) {
        try {
            return commands.execute(client.account(), clientId, message);
        } catch (final RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void refuse(final PublishInboundOutput output, final boolean mqtt5, final String clientId,
                        final BadTrackerMessage refusal) {
        countRefusal(clientId, refusal);
        if (mqtt5) {
            output.preventPublishDelivery(refusal.kind().isAuthorization()
                    ? AckReasonCode.NOT_AUTHORIZED
                    : refusal.kind() == BadTrackerMessage.Kind.NO_PUBLISH_TOPIC
                    ? AckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR
                    : AckReasonCode.PAYLOAD_FORMAT_INVALID, refusal.reason());
        } else {
            output.preventPublishDelivery();
        }
    }

    private void countRefusal(final String clientId, final BadTrackerMessage refusal) {
        metrics.badInput(refusal.kind());
        log.debug("hive-iot-tracking: refused a message of {}: {}", clientId, refusal.reason());
    }

    private void failed(final PublishInboundOutput output, final String clientId, final Throwable failure) {
        final Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        if (cause instanceof StoreOverloadedException) {
            metrics.overloaded.inc();
            log.debug("hive-iot-tracking: refused a message of {}: {}", clientId, cause.getMessage());
            output.preventPublishDelivery(AckReasonCode.QUOTA_EXCEEDED, "server busy, try again later");
        } else {
            metrics.storageErrors.inc();
            log.warn("hive-iot-tracking: a message of {} was not stored: {}", clientId, cause.toString());
            output.preventPublishDelivery(AckReasonCode.UNSPECIFIED_ERROR, "not stored, try again later");
        }
    }
}

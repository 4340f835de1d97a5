package io.hiveiot.tracking.tracker;

import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.general.MqttVersion;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.PublishPacket;
import io.hiveiot.kit.api.PayloadBytes;
import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.publish.CommittedAnswer;
import io.hiveiot.kit.publish.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private final TrackerMetrics metrics;
    private final CommittedAnswer committed;

    /** One per connection: the identity is fixed for the connection's lifetime. */
    public TrackerInterceptor(
            final ClientIdentity client,
            final TrackingTopics topics,
            final TrackerMessageParser parser,
            final TrackerCommands commands,
            final TrackerMetrics metrics,
            final CommittedAnswer committed) {
        this.client = client;
        this.topics = topics;
        this.parser = parser;
        this.commands = commands;
        this.metrics = metrics;
        this.committed = committed;
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
            committed.consume(
                    output,
                    packet.getQos(),
                    packet.getTopic(),
                    clientId,
                    () -> commands.execute(client.account(), clientId, message)
                            .thenApply(refusal -> refusal.map(bad -> verdict(mqtt5, clientId, bad))
                                    .orElse(Verdict.ACCEPTED)));
        } catch (final RuntimeException e) {
            committed.internalError(output, packet.getTopic(), clientId, e);
        }
    }

    private void refuse(
            final PublishInboundOutput output,
            final boolean mqtt5,
            final String clientId,
            final BadTrackerMessage refusal) {
        final Verdict verdict = verdict(mqtt5, clientId, refusal);
        if (verdict.accepted()) {
            output.preventPublishDelivery();
        } else {
            output.preventPublishDelivery(verdict.code(), verdict.reason());
        }
    }

    /** MQTT 3.1.1 has no reason codes, and HiveMQ would disconnect it for one: its refusal is a plain answer. */
    private Verdict verdict(final boolean mqtt5, final String clientId, final BadTrackerMessage refusal) {
        metrics.badInput(refusal.kind());
        log.debug("hive-iot-tracking: refused a message of {}: {}", clientId, refusal.reason());
        if (!mqtt5) {
            return Verdict.ACCEPTED;
        }
        return Verdict.refused(
                refusal.kind().isAuthorization()
                        ? AckReasonCode.NOT_AUTHORIZED
                        : refusal.kind() == BadTrackerMessage.Kind.NO_PUBLISH_TOPIC
                                ? AckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR
                                : AckReasonCode.PAYLOAD_FORMAT_INVALID,
                refusal.reason());
    }
}

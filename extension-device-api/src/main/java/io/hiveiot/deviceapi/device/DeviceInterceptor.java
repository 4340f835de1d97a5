package io.hiveiot.deviceapi.device;

import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.PublishPacket;
import io.hiveiot.deviceapi.payload.BadPayloadException;
import io.hiveiot.deviceapi.session.DeviceSession;
import io.hiveiot.kit.api.PayloadBytes;
import io.hiveiot.kit.publish.CommittedAnswer;
import io.hiveiot.kit.publish.Verdict;
import io.hiveiot.kit.thingsboard.GatewayTopic;
import io.hiveiot.kit.thingsboard.SubDevices;

import java.time.Clock;
import java.util.Optional;

/**
 * The one interceptor of a device connection: consumes every {@code v1/devices/me/...}, {@code v2/...} and (for a
 * gateway) {@code v1/gateway/...} publish except those of the other extensions, and the profile's own topics, and
 * answers each explicitly, whatever happens (an interceptor that throws would let HiveMQ acknowledge QoS 1
 * with success). QoS 1 and 2 are acknowledged only once the data is committed ({@link CommittedAnswer}); HiveMQ
 * holds the client's later packets meanwhile, so a device's publishes are stored in order.
 */
public final class DeviceInterceptor implements PublishInboundInterceptor {

    private final DeviceSession device;
    private final DeviceTopics topics;
    private final Answers answers;
    private final CommittedAnswer committed;
    private final Clock clock;

    /** One per connection: the identity is fixed for the connection's lifetime. */
    public DeviceInterceptor(
            final DeviceSession device,
            final DeviceTopics topics,
            final DeviceApiMetrics metrics,
            final CommittedAnswer committed,
            final Clock clock) {
        this.device = device;
        this.topics = topics;
        this.answers = new Answers(metrics);
        this.committed = committed;
        this.clock = clock;
    }

    @Override
    public void onInboundPublish(final PublishInboundInput input, final PublishInboundOutput output) {
        final PublishPacket packet = input.getPublishPacket();
        final String topic = packet.getTopic();
        if (!DeviceTopics.consumes(topic, device)) {
            return;
        }
        final String clientId = input.getClientInformation().getClientId();
        try {
            final boolean gatewayTopic = GatewayTopic.isGateway(topic);
            if (gatewayTopic && !device.gateway()) {
                answers.notGateway(output, clientId, topic);
                return;
            }
            final Optional<DeviceTopics.Match> match = topics.find(topic, device);
            if (match.isEmpty()) {
                answers.unknownTopic(output, clientId, topic);
                return;
            }
            final var publish = new DevicePublish(
                    device,
                    topic,
                    PayloadBytes.of(packet.getPayload()),
                    clock.millis(),
                    match.get().family(),
                    match.get().idPart(),
                    gatewayTopic ? SubDevices.readFrom(packet.getUserProperties()) : Optional.empty(),
                    gatewayTopic ? packet.getUserProperties().getFirst(SubDevices.FIRMWARE_KEYS) : Optional.empty());
            final TopicHandler.Work work;
            try {
                work = match.get().handler().parse(publish);
            } catch (final BadPayloadException e) {
                answers.badPayload(output, publish, e);
                return;
            }
            committed.consume(
                    output, packet.getQos(), topic, clientId, () -> work.start().thenApply(done -> Verdict.ACCEPTED));
        } catch (final RuntimeException | StackOverflowError e) {
            committed.internalError(output, topic, clientId, e);
        }
    }
}

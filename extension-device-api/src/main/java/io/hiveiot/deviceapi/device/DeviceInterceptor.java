package io.hiveiot.deviceapi.device;

import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.PublishPacket;
import io.hiveiot.deviceapi.payload.BadPayloadException;
import io.hiveiot.kit.api.PayloadBytes;
import io.hiveiot.kit.publish.CommittedAnswer;
import io.hiveiot.kit.publish.Verdict;
import io.hiveiot.kit.session.DeviceConnection;

import java.time.Clock;
import java.util.Optional;

/**
 * The one interceptor of a device connection: consumes every {@code v1/devices/me/...} publish except the claim
 * topic and answers it explicitly, whatever happens (an interceptor that throws would let HiveMQ acknowledge QoS 1
 * with success). QoS 1 and 2 are acknowledged only once the data is committed ({@link CommittedAnswer}); HiveMQ
 * holds the client's later packets meanwhile, so a device's publishes are stored in order.
 */
public final class DeviceInterceptor implements PublishInboundInterceptor {

    private final DeviceConnection device;
    private final DeviceTopics topics;
    private final Answers answers;
    private final CommittedAnswer committed;
    private final Clock clock;

    /** One per connection: the identity is fixed for the connection's lifetime. */
    public DeviceInterceptor(final DeviceConnection device, final DeviceTopics topics, final DeviceApiMetrics metrics,
                             final CommittedAnswer committed, final Clock clock) {
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
            final var publish = new DevicePublish(device, topic, PayloadBytes.of(packet.getPayload()),
                    clock.millis());
            final TopicHandler.Work work;
            try {
                work = handler.get().parse(publish);
            } catch (final BadPayloadException e) {
                answers.badPayload(output, publish, e);
                return;
            }
            committed.consume(output, packet.getQos(), topic, clientId,
                    () -> work.start().thenApply(done -> Verdict.ACCEPTED));
        } catch (final RuntimeException | StackOverflowError e) {
            committed.internalError(output, topic, clientId, e);
        }
    }
}

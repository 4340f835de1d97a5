package io.hiveiot.tracking.group;

import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.PublishPacket;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.publish.CommittedAnswer;
import io.hiveiot.kit.publish.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A device's publish on its own family topic, delivered to that topic and to the same topic of every group the
 * device belongs to ({@code foxtrackr/12345/V3.0/bat} also goes to {@code foxtrackr/my_group/V3.0/bat}).
 * <p>
 * The interceptor consumes the publish and sends the copies itself. So the checks authorization would make
 * are made here (a consumed publish skips it, and a DEVICE has no publish permission on family topics
 * anyway): the family must belong to the device's account, and a device publishes only under its own name,
 * never under a group's. Refusals carry a reason code like a denied publish: MQTT 5 gets it in the PUBACK,
 * MQTT 3.1.1 is disconnected by HiveMQ. QoS 1/2 publishes are acknowledged once the broker took every copy.
 */
public final class GroupInterceptor implements PublishInboundInterceptor {

    private static final Logger log = LoggerFactory.getLogger(GroupInterceptor.class);

    private final ClientIdentity device;
    private final Families families;
    private final GroupMetrics metrics;
    private final CommittedAnswer committed;

    public GroupInterceptor(
            final ClientIdentity device,
            final Families families,
            final GroupMetrics metrics,
            final CommittedAnswer committed) {
        this.device = device;
        this.families = families;
        this.metrics = metrics;
        this.committed = committed;
    }

    @Override
    public void onInboundPublish(final PublishInboundInput input, final PublishInboundOutput output) {
        final PublishPacket packet = input.getPublishPacket();
        final Optional<Family> family = families.ofTopic(packet.getTopic());
        if (family.isEmpty()) {
            return;
        }
        final String clientId = input.getClientInformation().getClientId();
        try {
            final Optional<FamilyTopic> topic = FamilyTopic.parse(packet.getTopic());
            if (topic.isEmpty()) {
                refuse(
                        output,
                        clientId,
                        AckReasonCode.TOPIC_NAME_INVALID,
                        "family topics are " + family.get().name() + "/{device}/{version}/{type}");
                return;
            }
            if (!family.get().account().equals(device.account())) {
                refuse(output, clientId, AckReasonCode.NOT_AUTHORIZED, "this family belongs to another account");
                return;
            }
            if (!topic.get().device().equals(device.deviceName())
                    || family.get().isGroup(topic.get().device())) {
                refuse(
                        output,
                        clientId,
                        AckReasonCode.NOT_AUTHORIZED,
                        "a device publishes only on its own topics: "
                                + topic.get().withDevice(device.deviceName()));
                return;
            }
            fanOut(output, packet, clientId, family.get(), topic.get());
        } catch (final RuntimeException e) {
            committed.internalError(output, packet.getTopic(), clientId, e);
        }
    }

    private void fanOut(
            final PublishInboundOutput output,
            final PublishPacket packet,
            final String clientId,
            final Family family,
            final FamilyTopic topic) {
        metrics.messages.inc();
        final List<String> topics = new ArrayList<>();
        topics.add(topic.toString());
        family.groupsOf(topic.device()).forEach(group -> topics.add(topic.withDevice(group)));
        committed.consume(
                output,
                packet.getQos(),
                packet.getTopic(),
                clientId,
                () -> publishAll(packet, topics).handle((done, failure) -> {
                    if (failure == null) {
                        return Verdict.ACCEPTED;
                    }
                    log.debug("hive-iot-tracking: {} not delivered: {}", topic, failure.toString());
                    return Verdict.refused(AckReasonCode.UNSPECIFIED_ERROR, "not delivered");
                }));
    }

    private CompletableFuture<Void> publishAll(final PublishPacket packet, final List<String> topics) {
        final var sent = new CompletableFuture<?>[topics.size()];
        for (int i = 0; i < topics.size(); i++) {
            sent[i] = Services.publishService()
                    .publish(Builders.publish()
                            .fromPublish(packet)
                            .topic(topics.get(i))
                            .build());
        }
        metrics.deliveries.inc(topics.size() - 1L);
        return CompletableFuture.allOf(sent);
    }

    private void refuse(
            final PublishInboundOutput output, final String clientId, final AckReasonCode code, final String reason) {
        metrics.refused.inc();
        log.debug("hive-iot-tracking: refused a group publish of {}: {}", clientId, reason);
        output.preventPublishDelivery(code, reason);
    }
}

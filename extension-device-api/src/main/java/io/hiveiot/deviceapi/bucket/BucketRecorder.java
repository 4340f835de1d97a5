package io.hiveiot.deviceapi.bucket;

import com.codahale.metrics.Counter;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.PublishPacket;
import io.hiveiot.kit.api.PayloadBytes;
import io.hiveiot.kit.publish.CommittedAnswer;
import io.hiveiot.kit.publish.Verdict;
import io.hiveiot.kit.topic.TopicSpace;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Records a device's publishes on its account's enabled bucket filters, then lets them go on to their subscribers.
 * As everywhere in hive-iot, a QoS 1/2 publish is acknowledged only once its record is committed, and a publish that
 * cannot be recorded is refused (MQTT 5 reason code; MQTT 3.1.1 disconnect) rather than routed unrecorded.
 * <p>
 * Only topics of the device's own topic space are recorded: interceptors run before HiveMQ's authorization, and the
 * space is exactly where hive-iot-auth lets a device publish, so nothing the broker then refuses is recorded. The
 * account's buckets are looked up at each publish, so a bucket made or changed while the device is connected applies
 * to its next publish.
 */
final class BucketRecorder implements PublishInboundInterceptor {

    private final TopicSpace space;
    private final Buckets buckets;
    private final int maxPayloadSize;
    private final CommittedAnswer committed;
    private final Clock clock;
    private final Counter recorded;
    private final Counter refused;

    BucketRecorder(
            final TopicSpace space,
            final Buckets buckets,
            final int maxPayloadSize,
            final CommittedAnswer committed,
            final Clock clock,
            final Counter recorded,
            final Counter refused) {
        this.space = space;
        this.buckets = buckets;
        this.maxPayloadSize = maxPayloadSize;
        this.committed = committed;
        this.clock = clock;
        this.recorded = recorded;
        this.refused = refused;
    }

    @Override
    public void onInboundPublish(final PublishInboundInput input, final PublishInboundOutput output) {
        final PublishPacket publish = input.getPublishPacket();
        final String clientId = input.getClientInformation().getClientId();
        try {
            final List<Bucket> matching = buckets.ofAccount(space.account()).stream()
                    .filter(bucket -> bucket.enabled() && bucket.filter().matches(publish.getTopic()))
                    .toList();
            if (matching.isEmpty() || !space.contains(publish.getTopic())) {
                return;
            }
            final byte[] payload = PayloadBytes.of(publish.getPayload());
            if (payload.length > maxPayloadSize) {
                refused.inc();
                output.preventPublishDelivery(
                        AckReasonCode.PAYLOAD_FORMAT_INVALID,
                        "a bucket records payloads of at most " + maxPayloadSize + " bytes");
                return;
            }
            committed.passOn(
                    output,
                    publish.getQos(),
                    publish.getTopic(),
                    clientId,
                    () -> record(matching, publish.getTopic(), payload)
                            .whenComplete((done, failure) -> (failure == null ? recorded : refused).inc())
                            .thenApply(done -> Verdict.ACCEPTED));
        } catch (final RuntimeException e) {
            committed.internalError(output, publish.getTopic(), clientId, e);
        }
    }

    private CompletableFuture<Void> record(final List<Bucket> matching, final String topic, final byte[] payload) {
        final long now = clock.millis();
        return CompletableFuture.allOf(matching.stream()
                .map(bucket -> buckets.store().append(bucket.name(), now, topic, payload))
                .toArray(CompletableFuture[]::new));
    }
}

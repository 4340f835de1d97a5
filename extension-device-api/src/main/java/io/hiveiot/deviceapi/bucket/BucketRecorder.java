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

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Records a device's publishes on its account's bucket filters, then lets them go on to their subscribers. As
 * everywhere in hive-iot, a QoS 1/2 publish is acknowledged only once its record is committed, and a publish that
 * cannot be recorded is refused (MQTT 5 reason code; MQTT 3.1.1 disconnect) rather than routed unrecorded.
 * Added only to DEVICE connections, whose role may publish in {@code accounts/<account>/#}: interceptors run
 * before HiveMQ's authorization, so recording another role's publishes could record what the broker then refuses.
 */
final class BucketRecorder implements PublishInboundInterceptor {

    private final List<Bucket> buckets;
    private final BucketStore store;
    private final int maxPayloadSize;
    private final CommittedAnswer committed;
    private final Clock clock;
    private final Counter recorded;
    private final Counter refused;

    BucketRecorder(final List<Bucket> buckets, final BucketStore store, final int maxPayloadSize,
                   final CommittedAnswer committed, final Clock clock, final Counter recorded,
                   final Counter refused) {
        this.buckets = List.copyOf(buckets);
        this.store = store;
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
            final List<Bucket> matching = buckets.stream()
                    .filter(bucket -> bucket.filter().matches(publish.getTopic()))
                    .toList();
            if (matching.isEmpty()) {
                return;
            }
            final byte[] payload = PayloadBytes.of(publish.getPayload());
            if (payload.length > maxPayloadSize) {
                refused.inc();
                output.preventPublishDelivery(AckReasonCode.PAYLOAD_FORMAT_INVALID,
                        "a bucket records payloads of at most " + maxPayloadSize + " bytes");
                return;
            }
            committed.passOn(output, publish.getQos(), publish.getTopic(), clientId,
                    () -> record(matching, publish.getTopic(), payload).whenComplete((done, failure) ->
                            (failure == null ? recorded : refused).inc()).thenApply(done -> Verdict.ACCEPTED));
        } catch (final RuntimeException e) {
            committed.internalError(output, publish.getTopic(), clientId, e);
        }
    }

    private CompletableFuture<Void> record(final List<Bucket> matching, final String topic, final byte[] payload) {
        final long now = clock.millis();
        return CompletableFuture.allOf(matching.stream()
                .map(bucket -> store.append(bucket.name(), now, topic, payload))
                .toArray(CompletableFuture[]::new));
    }
}

package io.hiveiot.deviceapi.bucket;

import com.codahale.metrics.Counter;
import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.PublishPacket;
import io.hiveiot.kit.api.PayloadBytes;
import io.hiveiot.kit.database.StoreOverloadedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Records a device's publishes on its account's bucket filters, then lets them go on to their subscribers. As
 * everywhere in hive-iot, a QoS 1/2 publish is acknowledged only once its record is committed, and a publish that
 * cannot be recorded is refused (MQTT 5 reason code; MQTT 3.1.1 disconnect) rather than routed unrecorded.
 * Added only to DEVICE connections, whose role may publish in {@code accounts/<account>/#}: interceptors run
 * before HiveMQ's authorization, so recording another role's publishes could record what the broker then refuses.
 */
public final class BucketRecorder implements PublishInboundInterceptor {

    private static final Logger log = LoggerFactory.getLogger(BucketRecorder.class);

    private final List<Bucket> buckets;
    private final BucketStore store;
    private final int maxPayloadSize;
    private final Duration asyncTimeout;
    private final Clock clock;
    private final Counter recorded;
    private final Counter refused;

    public BucketRecorder(final List<Bucket> buckets, final BucketStore store, final int maxPayloadSize,
                          final Duration asyncTimeout, final Clock clock, final Counter recorded,
                          final Counter refused) {
        this.buckets = List.copyOf(buckets);
        this.store = store;
        this.maxPayloadSize = maxPayloadSize;
        this.asyncTimeout = asyncTimeout;
        this.clock = clock;
        this.recorded = recorded;
        this.refused = refused;
    }

    @Override
    public void onInboundPublish(final PublishInboundInput input, final PublishInboundOutput output) {
        try {
            final PublishPacket publish = input.getPublishPacket();
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
            final CompletableFuture<Void> write = record(matching, publish.getTopic(), payload);
            if (publish.getQos() == Qos.AT_MOST_ONCE) {
                write.whenComplete((done, failure) -> count(failure, input));
                return;
            }
            final Async<PublishInboundOutput> async = output.async(asyncTimeout, TimeoutFallback.FAILURE,
                    AckReasonCode.UNSPECIFIED_ERROR, "timed out waiting for storage");
            write.whenComplete((done, failure) -> {
                try {
                    count(failure, input);
                    if (failure != null) {
                        refuse(async.getOutput(), failure);
                    }
                } finally {
                    async.resume();
                }
            });
        } catch (final RuntimeException e) {
            log.error("hive-iot-device-api: bucket recording failed", e);
            output.preventPublishDelivery(AckReasonCode.UNSPECIFIED_ERROR, "internal error");
        }
    }

    private CompletableFuture<Void> record(final List<Bucket> matching, final String topic, final byte[] payload) {
        final long now = clock.millis();
        try {
            return CompletableFuture.allOf(matching.stream()
                    .map(bucket -> store.append(bucket.name(), now, topic, payload))
                    .toArray(CompletableFuture[]::new));
        } catch (final RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void count(final Throwable failure, final PublishInboundInput input) {
        if (failure == null) {
            recorded.inc();
        } else {
            refused.inc();
            log.debug("hive-iot-device-api: publish of {} on {} not recorded: {}",
                    input.getClientInformation().getClientId(), input.getPublishPacket().getTopic(),
                    failure.toString());
        }
    }

    private static void refuse(final PublishInboundOutput output, final Throwable failure) {
        final Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof StoreOverloadedException) {
            output.preventPublishDelivery(AckReasonCode.QUOTA_EXCEEDED, "server busy, try again later");
        } else {
            output.preventPublishDelivery(AckReasonCode.UNSPECIFIED_ERROR, "not recorded, try again later");
        }
    }
}

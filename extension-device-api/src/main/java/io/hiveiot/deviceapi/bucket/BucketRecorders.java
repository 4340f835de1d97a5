package io.hiveiot.deviceapi.bucket;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import io.hiveiot.kit.publish.CommittedAnswer;
import io.hiveiot.kit.topic.TopicSpace;

import java.time.Clock;

/** Makes the bucket recorder of a device connection. */
public final class BucketRecorders {

    private final Buckets buckets;
    private final int maxPayloadSize;
    private final CommittedAnswer committed;
    private final Clock clock;
    private final Counter recorded;
    private final Counter refused;

    /** @param metricPrefix the extension's prefix; the counters are {@code buckets.recorded} and {@code .refused} */
    public BucketRecorders(
            final Buckets buckets,
            final int maxPayloadSize,
            final CommittedAnswer committed,
            final Clock clock,
            final MetricRegistry metrics,
            final String metricPrefix) {
        this.buckets = buckets;
        this.maxPayloadSize = maxPayloadSize;
        this.committed = committed;
        this.clock = clock;
        this.recorded = metrics.counter(metricPrefix + "buckets.recorded");
        this.refused = metrics.counter(metricPrefix + "buckets.refused");
    }

    /** The recorder of a device whose account holds {@code space}. */
    public PublishInboundInterceptor forDevice(final TopicSpace space) {
        return new BucketRecorder(space, buckets, maxPayloadSize, committed, clock, recorded, refused);
    }
}

package io.hiveiot.deviceapi;

import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import io.hiveiot.kit.topic.TopicSpace;

/**
 * A device connection's one inbound interceptor: a publish in the account's free topic space goes to the bucket
 * recorder, any other to the device API. The two never share a topic (the device API's namespaces lie outside every
 * topic space), and HiveMQ runs each interceptor of a publish as a task of its own: one interceptor instead of two
 * keeps the device API's hot path as short as before buckets could appear at any time.
 */
final class DevicePublishes implements PublishInboundInterceptor {

    private final TopicSpace space;
    private final PublishInboundInterceptor buckets;
    private final PublishInboundInterceptor deviceApi;

    DevicePublishes(final TopicSpace space, final PublishInboundInterceptor buckets,
                    final PublishInboundInterceptor deviceApi) {
        this.space = space;
        this.buckets = buckets;
        this.deviceApi = deviceApi;
    }

    @Override
    public void onInboundPublish(final PublishInboundInput input, final PublishInboundOutput output) {
        if (space.contains(input.getPublishPacket().getTopic())) {
            buckets.onInboundPublish(input, output);
        } else {
            deviceApi.onInboundPublish(input, output);
        }
    }
}

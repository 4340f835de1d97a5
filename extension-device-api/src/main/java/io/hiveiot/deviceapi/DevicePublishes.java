package io.hiveiot.deviceapi;

import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import io.hiveiot.deviceapi.session.DeviceSession;
import io.hiveiot.kit.topic.TopicSpace;

/**
 * A device connection's one inbound interceptor: a publish in the account's free topic space goes to the bucket
 * recorder, any other to the device API, and so does one on a topic of the device's profile (its telemetry or
 * attributes filter may lie in the free space; ThingsBoard reads such a publish as telemetry or attributes). HiveMQ
 * runs each interceptor of a publish as a task of its own: one interceptor instead of two keeps the device API's hot
 * path as short as before buckets could appear at any time.
 */
final class DevicePublishes implements PublishInboundInterceptor {

    private final TopicSpace space;
    private final DeviceSession session;
    private final PublishInboundInterceptor buckets;
    private final PublishInboundInterceptor deviceApi;

    DevicePublishes(
            final TopicSpace space,
            final DeviceSession session,
            final PublishInboundInterceptor buckets,
            final PublishInboundInterceptor deviceApi) {
        this.space = space;
        this.session = session;
        this.buckets = buckets;
        this.deviceApi = deviceApi;
    }

    @Override
    public void onInboundPublish(final PublishInboundInput input, final PublishInboundOutput output) {
        final String topic = input.getPublishPacket().getTopic();
        if (space.contains(topic) && !session.matchesProfileTopic(topic)) {
            buckets.onInboundPublish(input, output);
        } else {
            deviceApi.onInboundPublish(input, output);
        }
    }
}

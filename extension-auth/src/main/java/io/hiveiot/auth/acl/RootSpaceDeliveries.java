package io.hiveiot.auth.acl;

import com.hivemq.extension.sdk.api.interceptor.publish.PublishOutboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishOutboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishOutboundOutput;
import io.hiveiot.kit.topic.TopicSpace;

/**
 * Keeps other accounts' messages from a device of an account with the root topic space. Its permissions let it
 * subscribe to {@code #}, and HiveMQ checks a subscription's filter, not each topic it later matches: without this,
 * {@code #} would also match the accounts' event streams ({@code users/...}) and other accounts' free topics
 * ({@code accounts/<other>/...}). Only root-space devices get it, so no other client pays for it.
 */
public final class RootSpaceDeliveries implements PublishOutboundInterceptor {

    private final TopicSpace space;

    public RootSpaceDeliveries(final TopicSpace space) {
        this.space = space;
    }

    @Override
    public void onOutboundPublish(final PublishOutboundInput input, final PublishOutboundOutput output) {
        if (!space.mayReceive(input.getPublishPacket().getTopic())) {
            output.preventPublishDelivery();
        }
    }
}

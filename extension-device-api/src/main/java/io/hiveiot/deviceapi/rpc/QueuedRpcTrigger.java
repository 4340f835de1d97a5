package io.hiveiot.deviceapi.rpc;

import com.hivemq.extension.sdk.api.interceptor.suback.SubackOutboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.suback.parameter.SubackOutboundInput;
import com.hivemq.extension.sdk.api.interceptor.suback.parameter.SubackOutboundOutput;
import com.hivemq.extension.sdk.api.interceptor.subscribe.SubscribeInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.subscribe.parameter.SubscribeInboundInput;
import com.hivemq.extension.sdk.api.interceptor.subscribe.parameter.SubscribeInboundOutput;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import io.hiveiot.deviceapi.mqtt.TopicFilter;
import io.hiveiot.kit.session.DeviceConnection;

/**
 * Sends a device its queued persistent RPCs when it subscribes to its request topic, as ThingsBoard does. The
 * SUBACK is the moment: HiveMQ writes it after the subscription is in place, so the requests sent then find it.
 * One per device connection; both callbacks run on the connection's thread, in packet order.
 */
public final class QueuedRpcTrigger implements SubscribeInboundInterceptor, SubackOutboundInterceptor {

    private final DeviceConnection session;
    private final ServerRpc rpc;
    private final long timeoutMs;
    private volatile boolean requestTopicSubscribed;

    public QueuedRpcTrigger(final DeviceConnection session, final ServerRpc rpc, final long timeoutMs) {
        this.session = session;
        this.rpc = rpc;
        this.timeoutMs = timeoutMs;
    }

    @Override
    public void onInboundSubscribe(final SubscribeInboundInput input, final SubscribeInboundOutput output) {
        requestTopicSubscribed = input.getSubscribePacket().getSubscriptions().stream()
                .anyMatch(subscription -> TopicFilter.isValid(subscription.getTopicFilter())
                        && new TopicFilter(subscription.getTopicFilter()).matches(RpcRequestMessage.SAMPLE_TOPIC));
    }

    @Override
    public void onOutboundSuback(final SubackOutboundInput input, final SubackOutboundOutput output) {
        if (!requestTopicSubscribed) {
            return;
        }
        requestTopicSubscribed = false;
        final boolean granted = input.getSubackPacket().getReasonCodes().stream()
                .anyMatch(code -> code == SubackReasonCode.GRANTED_QOS_0 || code == SubackReasonCode.GRANTED_QOS_1
                        || code == SubackReasonCode.GRANTED_QOS_2);
        if (granted) {
            rpc.deliverQueued(session, timeoutMs);
        }
    }
}

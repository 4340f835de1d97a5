package io.hiveiot.deviceapi.rpc;

import com.hivemq.extension.sdk.api.interceptor.suback.SubackOutboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.suback.parameter.SubackOutboundInput;
import com.hivemq.extension.sdk.api.interceptor.suback.parameter.SubackOutboundOutput;
import com.hivemq.extension.sdk.api.interceptor.subscribe.SubscribeInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.subscribe.parameter.SubscribeInboundInput;
import com.hivemq.extension.sdk.api.interceptor.subscribe.parameter.SubscribeInboundOutput;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import io.hiveiot.kit.session.DeviceConnection;

/**
 * Sends a device its queued persistent RPCs when it subscribes to its request topic, as ThingsBoard does. The
 * SUBACK is the moment: HiveMQ writes it after the subscription is in place, so the requests sent then find it.
 * One per device connection; both callbacks run on the connection's thread, in packet order.
 */
public final class QueuedRpcTrigger implements SubscribeInboundInterceptor, SubackOutboundInterceptor {

    private final DeviceConnection session;
    private final ServerRpc rpc;
    private volatile boolean requestTopicSubscribed;

    public QueuedRpcTrigger(final DeviceConnection session, final ServerRpc rpc) {
        this.session = session;
        this.rpc = rpc;
    }

    @Override
    public void onInboundSubscribe(final SubscribeInboundInput input, final SubscribeInboundOutput output) {
        requestTopicSubscribed = input.getSubscribePacket().getSubscriptions().stream()
                .anyMatch(subscription -> RpcRequestMessage.isRequestFilter(subscription.getTopicFilter()));
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
            rpc.deliverQueued(session);
        }
    }
}

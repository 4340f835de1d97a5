package io.hiveiot.deviceapi.rpc;

import com.hivemq.extension.sdk.api.interceptor.suback.SubackOutboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.suback.parameter.SubackOutboundInput;
import com.hivemq.extension.sdk.api.interceptor.suback.parameter.SubackOutboundOutput;
import com.hivemq.extension.sdk.api.interceptor.subscribe.SubscribeInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.subscribe.parameter.SubscribeInboundInput;
import com.hivemq.extension.sdk.api.interceptor.subscribe.parameter.SubscribeInboundOutput;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import com.hivemq.extension.sdk.api.packets.subscribe.Subscription;
import io.hiveiot.deviceapi.session.DeviceRoute;
import io.hiveiot.deviceapi.session.DeviceSession;
import io.hiveiot.kit.api.ReplySubscriptions;
import io.hiveiot.kit.thingsboard.DeviceTopic;
import io.hiveiot.kit.thingsboard.TopicFamily;

import java.util.Optional;

/**
 * A device's subscriptions to pushes, as ThingsBoard reads them: the latest subscription to shared-attribute pushes
 * or to RPC requests chooses the topic family they are sent in ({@code v1/devices/me/...}, {@code v2/...},
 * {@code /j}, {@code /p}); a subscription to the profile's own attribute filter asks for pushes on
 * {@code v1/devices/me/attributes}, which is then added for the device, since ThingsBoard sends there. A
 * subscription to RPC requests sends the device its queued persistent RPCs; the SUBACK is the moment, since HiveMQ
 * writes it after the subscription is in place, so the requests sent then find it. One per device connection;
 * both callbacks run on the connection's thread, in packet order.
 */
public final class PushSubscriptions implements SubscribeInboundInterceptor, SubackOutboundInterceptor {

    private final DeviceSession session;
    private final ServerRpc rpc;
    private volatile boolean requestTopicSubscribed;

    public PushSubscriptions(final DeviceSession session, final ServerRpc rpc) {
        this.session = session;
        this.rpc = rpc;
    }

    @Override
    public void onInboundSubscribe(final SubscribeInboundInput input, final SubscribeInboundOutput output) {
        boolean rpcRequests = false;
        for (final Subscription subscription : input.getSubscribePacket().getSubscriptions()) {
            final String filter = subscription.getTopicFilter();
            if (session.isProfileAttributesSubscription(filter)) {
                session.subscribedToAttributes(TopicFamily.V1);
                ReplySubscriptions.ensure(
                        session.connection().attributes(), session.brokerClientId(), DeviceTopic.ATTRIBUTES);
            }
            for (final TopicFamily family : TopicFamily.values()) {
                if (filter.equals(family.attributes())) {
                    session.subscribedToAttributes(family);
                }
            }
            final Optional<TopicFamily> requests = TopicFamily.ofRpcRequestFilter(filter);
            requests.ifPresent(session::subscribedToRpc);
            rpcRequests |= requests.isPresent();
        }
        requestTopicSubscribed = rpcRequests;
    }

    @Override
    public void onOutboundSuback(final SubackOutboundInput input, final SubackOutboundOutput output) {
        if (!requestTopicSubscribed) {
            return;
        }
        requestTopicSubscribed = false;
        final boolean granted = input.getSubackPacket().getReasonCodes().stream()
                .anyMatch(code -> code == SubackReasonCode.GRANTED_QOS_0
                        || code == SubackReasonCode.GRANTED_QOS_1
                        || code == SubackReasonCode.GRANTED_QOS_2);
        if (granted) {
            rpc.deliverQueued(new DeviceRoute.Direct(session), session.ref());
        }
    }
}

package io.hiveiot.kit.api;

import com.hivemq.extension.sdk.api.client.ClientContext;
import com.hivemq.extension.sdk.api.client.parameter.InitializerInput;
import com.hivemq.extension.sdk.api.interceptor.subscribe.SubscribeInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.subscribe.parameter.SubscribeInboundInput;
import com.hivemq.extension.sdk.api.interceptor.subscribe.parameter.SubscribeInboundOutput;
import com.hivemq.extension.sdk.api.packets.subscribe.Subscription;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.subscription.SubscriptionsForClientResult;
import com.hivemq.extension.sdk.api.services.subscription.TopicSubscription;
import io.hiveiot.kit.broker.BrokerEdition;
import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.identity.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether an account's device stream may have a subscriber, so that an extension can skip building and publishing
 * events nobody would receive (HiveMQ drops a publish without subscribers, after doing all the work of routing it;
 * under telemetry load that was two publishes per device message).
 * <p>
 * Errs on the side of publishing: an account counts from the first SUBSCRIBE whose filter could match its stream
 * (seen by this interceptor, which runs before authorization, so even a refused one counts) and keeps counting
 * until the broker restarts; at start, the broker's subscription store (offline persistent sessions included) is
 * read, and until that finished every account counts. So an event is skipped only when no client asked for such a
 * subscription since the broker started and none was stored from before.
 */
public final class StreamSubscriptions implements SubscribeInboundInterceptor {

    private static final Logger log = LoggerFactory.getLogger(StreamSubscriptions.class);

    private final Set<String> accounts = ConcurrentHashMap.newKeySet();
    private volatile boolean everyAccount;
    private volatile boolean storeRead;

    /**
     * Starts reading the broker's subscription store; {@link #mayReach} is true for every account until it is read.
     * On a broker that may be one node of a HiveMQ cluster, it is true for every account always: a subscriber on
     * another node is not seen here, and the cluster routes the event to it.
     */
    public static StreamSubscriptions start() {
        final var subscriptions = new StreamSubscriptions();
        subscriptions.everyAccount = BrokerEdition.mayBeClustered();
        Services.subscriptionStore()
                .iterateAllSubscriptions((context, client) -> subscriptions.add(client))
                .whenComplete((done, failure) -> {
                    if (failure == null) {
                        subscriptions.storeRead = true;
                    } else {
                        log.warn(
                                "hive-iot: the subscription store could not be read, so every device stream is "
                                        + "published: {}",
                                failure.toString());
                    }
                });
        return subscriptions;
    }

    /** For tests and for brokers without a subscription store to read: nothing subscribed yet. */
    public static StreamSubscriptions empty() {
        final var subscriptions = new StreamSubscriptions();
        subscriptions.storeRead = true;
        return subscriptions;
    }

    private StreamSubscriptions() {}

    /**
     * Watches the client's SUBSCRIBEs unless hive-iot-auth identified it as a device: only the device role is
     * known to be kept out of {@code users/...} by its permissions.
     */
    public void watch(final InitializerInput input, final ClientContext context) {
        final boolean device = ClientIdentity.readFrom(
                        input.getConnectionInformation().getConnectionAttributeStore())
                .map(identity -> identity.role() == Role.DEVICE)
                .orElse(false);
        if (!device) {
            context.addSubscribeInboundInterceptor(this);
        }
    }

    public boolean mayReach(final String account) {
        return !storeRead || everyAccount || accounts.contains(account);
    }

    @Override
    public void onInboundSubscribe(final SubscribeInboundInput input, final SubscribeInboundOutput output) {
        for (final Subscription subscription : input.getSubscribePacket().getSubscriptions()) {
            add(subscription.getTopicFilter());
        }
    }

    /** Records a filter a client subscribed to. */
    public void add(final String topicFilter) {
        final StreamReach reach = StreamReach.of(topicFilter);
        if (reach.everyAccount()) {
            everyAccount = true;
        }
        reach.account().ifPresent(accounts::add);
    }

    private void add(final SubscriptionsForClientResult client) {
        for (final TopicSubscription subscription : client.getSubscriptions()) {
            add(subscription.getTopicFilter());
        }
    }
}

package io.hiveiot.kit.api;

import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;

import java.util.concurrent.CompletableFuture;

/**
 * Adds a reply subscription for a client once per connection, so that {@code publishToClient} can
 * deliver answers the client did not subscribe to itself (ThingsBoard answers regardless of
 * subscriptions, and clients rely on it). The mark lives in the connection's attributes, so a new
 * connection, whose clean session may have lost the subscription, adds it again; adding an existing
 * subscription is harmless.
 */
public final class ReplySubscriptions {

    private static final String MARK = "hive-iot.reply-subscription:";

    private ReplySubscriptions() {}

    /** Completes once the client holds a subscription to {@code filter}. */
    public static CompletableFuture<Void> ensure(
            final ConnectionAttributeStore connection, final String clientId, final String filter) {
        final String mark = MARK + filter;
        if (connection.get(mark).isPresent()) {
            return CompletableFuture.completedFuture(null);
        }
        return Services.subscriptionStore()
                .addSubscription(
                        clientId,
                        Builders.topicSubscription()
                                .topicFilter(filter)
                                .qos(Qos.AT_LEAST_ONCE)
                                .build())
                .thenRun(() -> connection.putAsString(mark, "1"));
    }
}

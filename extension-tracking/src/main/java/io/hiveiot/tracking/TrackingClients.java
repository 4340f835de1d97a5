package io.hiveiot.tracking;

import com.hivemq.extension.sdk.api.client.ClientContext;
import com.hivemq.extension.sdk.api.client.parameter.InitializerInput;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.services.intializer.ClientInitializer;
import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.identity.Role;
import io.hiveiot.kit.publish.CommittedAnswer;
import io.hiveiot.kit.publish.TopicRoutes;
import io.hiveiot.tracking.group.ConnectedAccounts;
import io.hiveiot.tracking.group.Families;
import io.hiveiot.tracking.group.FamilyDeliveryGuard;
import io.hiveiot.tracking.group.FamilySubscriptions;
import io.hiveiot.tracking.group.GroupInterceptor;
import io.hiveiot.tracking.group.GroupMetrics;
import io.hiveiot.tracking.tracker.TrackerCommands;
import io.hiveiot.tracking.tracker.TrackerInterceptor;
import io.hiveiot.tracking.tracker.TrackerMessageParser;
import io.hiveiot.tracking.tracker.TrackerMetrics;
import io.hiveiot.tracking.tracker.TrackingTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

import static io.hiveiot.kit.publish.TopicRoutes.route;

/**
 * Gives each connection the interceptors of its role. Devices and applications of an account may send
 * iotBind messages (trackers often run as phone apps with the account's application login); devices get the
 * group fan-out of their own family topics; applications get the tracking service. Each client gets one inbound
 * interceptor routing by topic ({@link TopicRoutes}), one task per publish on HiveMQ's queue instead of one per
 * handler. Devices and applications may subscribe to their account's families; a connection that may subscribe
 * with a wildcard first level gets the guard that keeps other accounts' family deliveries from it.
 */
final class TrackingClients implements ClientInitializer {

    private static final Logger log = LoggerFactory.getLogger(TrackingClients.class);

    private final TrackingTopics topics;
    private final TrackerMessageParser parser;
    private final TrackerCommands commands;
    private final Families families;
    private final ConnectedAccounts accounts;
    private final PublishInboundInterceptor serviceRequests;
    private final TrackerMetrics trackerMetrics;
    private final GroupMetrics groupMetrics;
    private final CommittedAnswer committed;
    private final boolean identityFallback;

    TrackingClients(
            final TrackingTopics topics,
            final TrackerMessageParser parser,
            final TrackerCommands commands,
            final Families families,
            final ConnectedAccounts accounts,
            final PublishInboundInterceptor serviceRequests,
            final TrackerMetrics trackerMetrics,
            final GroupMetrics groupMetrics,
            final CommittedAnswer committed,
            final boolean identityFallback) {
        this.topics = topics;
        this.parser = parser;
        this.commands = commands;
        this.families = families;
        this.accounts = accounts;
        this.serviceRequests = serviceRequests;
        this.trackerMetrics = trackerMetrics;
        this.groupMetrics = groupMetrics;
        this.committed = committed;
        this.identityFallback = identityFallback;
    }

    @Override
    public void initialize(final InitializerInput input, final ClientContext context) {
        try {
            final Optional<ClientIdentity> identity = identity(input);
            FamilyDeliveryGuard.forConnection(
                            identity.map(ClientIdentity::account),
                            context.getDefaultPermissions(),
                            families,
                            groupMetrics)
                    .ifPresent(context::addPublishOutboundInterceptor);
            if (identity.isEmpty()) {
                return;
            }
            final ClientIdentity client = identity.get();
            accounts.connected(input.getClientInformation().getClientId(), client.account());
            if (client.role() != Role.PROVISION) {
                context.addSubscribeInboundInterceptor(
                        new FamilySubscriptions(client.account(), families, context.getDefaultPermissions()));
            }
            switch (client.role()) {
                case DEVICE -> {
                    final var tracker =
                            new TrackerInterceptor(client, topics, parser, commands, trackerMetrics, committed);
                    context.addPublishInboundInterceptor(
                            client.deviceName() == null
                                    ? tracker
                                    : TopicRoutes.of(
                                            route(topics::isTracking, tracker),
                                            route(
                                                    topic -> families.ofTopic(topic)
                                                            .isPresent(),
                                                    new GroupInterceptor(client, families, groupMetrics, committed))));
                }
                case APP, ADMIN ->
                    context.addPublishInboundInterceptor(TopicRoutes.of(
                            route(
                                    topics::isTracking,
                                    new TrackerInterceptor(
                                            client, topics, parser, commands, trackerMetrics, committed)),
                            route(topic -> true, serviceRequests)));
                case PROVISION -> {
                    // provisioning sessions only provision
                }
            }
        } catch (final RuntimeException e) {
            // Without the interceptors the client's tracking publishes are refused by authorization, never routed.
            log.error(
                    "hive-iot-tracking: no interceptors for {}",
                    input.getClientInformation().getClientId(),
                    e);
        }
    }

    private Optional<ClientIdentity> identity(final InitializerInput input) {
        return ClientIdentity.of(
                input.getConnectionInformation().getConnectionAttributeStore(),
                input.getClientInformation().getClientId(),
                identityFallback);
    }
}

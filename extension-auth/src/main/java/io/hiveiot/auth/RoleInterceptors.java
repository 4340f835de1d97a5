package io.hiveiot.auth;

import com.hivemq.extension.sdk.api.client.ClientContext;
import com.hivemq.extension.sdk.api.client.parameter.InitializerInput;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.intializer.ClientInitializer;
import io.hiveiot.auth.acl.RootSpaceDeliveries;
import io.hiveiot.auth.gateway.Gateways;
import io.hiveiot.kit.api.StreamSubscriptions;
import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.publish.TopicRoutes;
import io.hiveiot.kit.topic.TopicSpace;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static io.hiveiot.kit.publish.TopicRoutes.route;

/**
 * Gives each authenticated client only the interceptors of its role: applications get the registry
 * service's request handler and the annotation of their other requests, provisioning sessions their
 * request handler (and a deadline), devices the claim handler (their other device-API topics belong
 * to the other extensions), gateways also the resolution of the sub-devices they name, and a device of a root-space
 * account the guard that keeps other accounts' messages from it. Every client but a device has its SUBSCRIBEs
 * watched for device-stream filters, so that connection events nobody can receive are not published.
 */
final class RoleInterceptors implements ClientInitializer {

    private final PublishInboundInterceptor appRequests;
    private final PublishInboundInterceptor provisionRequests;
    private final PublishInboundInterceptor claimRequests;
    private final Duration provisioningIdleTimeout;
    private final ScheduledExecutorService scheduler;
    private final StreamSubscriptions streamSubscriptions;
    private final Gateways gateways;

    /**
     * @param scheduler the extension's own timer thread; HiveMQ's managed executor would hold back
     *                  the broker's shutdown until every scheduled deadline has passed
     */
    RoleInterceptors(
            final PublishInboundInterceptor registryRequests,
            final PublishInboundInterceptor requestAnnotator,
            final PublishInboundInterceptor provisionRequests,
            final PublishInboundInterceptor claimRequests,
            final Duration provisioningIdleTimeout,
            final ScheduledExecutorService scheduler,
            final StreamSubscriptions streamSubscriptions,
            final Gateways gateways) {
        this.gateways = gateways;
        this.claimRequests = claimRequests;
        this.appRequests = TopicRoutes.of(
                // Each checks the whole topic itself; the routes only keep the registry's requests from the annotator.
                route(topic -> topic.contains("/api/registry/request/"), registryRequests),
                route(topic -> true, requestAnnotator));
        this.provisionRequests = provisionRequests;
        this.provisioningIdleTimeout = provisioningIdleTimeout;
        this.scheduler = scheduler;
        this.streamSubscriptions = streamSubscriptions;
    }

    @Override
    public void initialize(final InitializerInput input, final ClientContext context) {
        streamSubscriptions.watch(input, context);
        final var attributes = input.getConnectionInformation().getConnectionAttributeStore();
        ClientIdentity.readFrom(attributes).ifPresent(identity -> {
            switch (identity.role()) {
                case APP, ADMIN -> {
                    context.addPublishInboundInterceptor(appRequests);
                }
                case PROVISION -> {
                    context.addPublishInboundInterceptor(provisionRequests);
                    final String clientId = input.getClientInformation().getClientId();
                    scheduler.schedule(
                            () -> Services.clientService().disconnectClient(clientId),
                            provisioningIdleTimeout.toMillis(),
                            TimeUnit.MILLISECONDS);
                }
                case DEVICE -> {
                    context.addPublishInboundInterceptor(claimRequests);
                    gateways.interceptor(identity, input.getClientInformation().getClientId(), attributes)
                            .ifPresent(context::addPublishInboundInterceptor);
                    final TopicSpace space = TopicSpace.of(identity.account(), attributes);
                    if (space.root()) {
                        context.addPublishOutboundInterceptor(new RootSpaceDeliveries(space));
                    }
                }
            }
        });
    }
}

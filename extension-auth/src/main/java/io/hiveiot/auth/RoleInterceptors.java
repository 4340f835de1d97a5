package io.hiveiot.auth;

import com.hivemq.extension.sdk.api.client.ClientContext;
import com.hivemq.extension.sdk.api.client.parameter.InitializerInput;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.services.intializer.ClientInitializer;
import io.hiveiot.registry.identity.ClientIdentity;
import io.hiveiot.registry.identity.Role;

/**
 * Gives each authenticated client only the interceptors of its role: applications get the registry
 * service's request handler and the annotation of their other requests; devices pay for neither.
 */
final class RoleInterceptors implements ClientInitializer {

    private final PublishInboundInterceptor registryRequests;
    private final PublishInboundInterceptor requestAnnotator;

    RoleInterceptors(final PublishInboundInterceptor registryRequests,
                     final PublishInboundInterceptor requestAnnotator) {
        this.registryRequests = registryRequests;
        this.requestAnnotator = requestAnnotator;
    }

    @Override
    public void initialize(final InitializerInput input, final ClientContext context) {
        ClientIdentity.readFrom(input.getConnectionInformation().getConnectionAttributeStore())
                .filter(identity -> identity.role() == Role.APP || identity.role() == Role.ADMIN)
                .ifPresent(identity -> {
                    context.addPublishInboundInterceptor(requestAnnotator);
                    context.addPublishInboundInterceptor(registryRequests);
                });
    }
}

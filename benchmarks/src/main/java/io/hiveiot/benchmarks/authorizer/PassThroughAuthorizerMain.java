package io.hiveiot.benchmarks.authorizer;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;

import java.util.Set;

/**
 * What a {@code SubscriptionAuthorizer} deciding families would do for a filter that names no family: look its first
 * level up and pass it on to the default permissions. Written into a benchmark's extensions folder only, to measure
 * what having an authorizer registered costs the broker.
 */
public final class PassThroughAuthorizerMain implements ExtensionMain {

    private static final Set<String> FAMILIES = Set.of("foxtrackr");

    @Override
    public void extensionStart(final ExtensionStartInput input, final ExtensionStartOutput output) {
        final SubscriptionAuthorizer passThrough = (authorizerInput, authorizerOutput) -> {
            final String filter = authorizerInput.getSubscription().getTopicFilter();
            final int slash = filter.indexOf('/');
            if (FAMILIES.contains(slash < 0 ? filter : filter.substring(0, slash))) {
                authorizerOutput.authorizeSuccessfully();
            } else {
                authorizerOutput.nextExtensionOrDefault();
            }
        };
        Services.securityRegistry().setAuthorizerProvider(providerInput -> passThrough);
    }

    @Override
    public void extensionStop(final ExtensionStopInput input, final ExtensionStopOutput output) {
        // nothing to release
    }
}

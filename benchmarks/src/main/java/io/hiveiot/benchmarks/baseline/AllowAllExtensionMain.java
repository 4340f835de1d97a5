package io.hiveiot.benchmarks.baseline;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;

/**
 * The bare broker's baseline for the benchmarks: every client is authenticated and may publish and
 * subscribe to everything, like HiveMQ's own allow-all extension (a standalone HiveMQ CE without
 * any security extension refuses everyone). This is benchmark-only code: it is written into the
 * benchmark's temporary extensions folder by {@link BaselineExtension} and never ships in the
 * distribution, which must fail closed.
 */
public final class AllowAllExtensionMain implements ExtensionMain {

    @Override
    public void extensionStart(final ExtensionStartInput input, final ExtensionStartOutput output) {
        final SimpleAuthenticator allowAll = (authInput, authOutput) -> {
            authOutput.getDefaultPermissions().setDefaultBehaviour(DefaultAuthorizationBehaviour.ALLOW);
            authOutput.authenticateSuccessfully();
        };
        Services.securityRegistry().setAuthenticatorProvider(providerInput -> allowAll);
    }

    @Override
    public void extensionStop(final ExtensionStopInput input, final ExtensionStopOutput output) {
        // nothing to release
    }
}

package io.hiveiot.auth.connect;

import com.hivemq.extension.sdk.api.services.Services;
import io.hiveiot.auth.acl.DefaultPermissions;
import io.hiveiot.auth.profile.DeviceProfiles;

import java.time.Duration;

/**
 * The CONNECT path of hive-iot-auth: the interceptor that resolves credentials and picks the client
 * ID, and the authenticator that decides, sharing each CONNECT's resolution.
 */
public final class ConnectAuthentication {

    private ConnectAuthentication() {}

    public static void register(
            final Credentials credentials,
            final Duration lookupTimeout,
            final LoginThrottle throttle,
            final ConnectMetrics metrics,
            final DefaultPermissions permissions,
            final DeviceProfiles profiles) {
        final var pending = new PendingResolutions();
        final var resolver = new ConnectResolver(credentials, pending, lookupTimeout, throttle);
        final var authenticator =
                new ConnectAuthenticator(credentials, pending, lookupTimeout, metrics, permissions, profiles);
        Services.interceptorRegistry().setConnectInboundInterceptorProvider(providerInput -> resolver);
        Services.securityRegistry().setAuthenticatorProvider(providerInput -> authenticator);
    }
}

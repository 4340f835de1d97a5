package io.hiveiot.auth.gateway;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import io.hiveiot.auth.claim.GatewayClaims;
import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.identity.ConnectionAttributes;
import io.hiveiot.kit.thingsboard.DeviceProfile;

import java.time.Duration;
import java.util.Optional;

/** The gateway API's share of hive-iot-auth: one {@link GatewayRequests} per gateway connection. */
public final class Gateways {

    private final SubDeviceStore store;
    private final GatewaySessions sessions;
    private final GatewayClaims claims;
    private final Duration timeout;
    private final Counter created;
    private final Counter refused;

    /** @param timeout how long a publish waits for its sub-devices to be resolved or created */
    public Gateways(
            final SubDeviceStore store,
            final GatewaySessions sessions,
            final GatewayClaims claims,
            final Duration timeout,
            final MetricRegistry metrics,
            final String prefix) {
        this.store = store;
        this.sessions = sessions;
        this.claims = claims;
        this.timeout = timeout;
        this.created = metrics.counter(prefix + "gateway.sub-devices.created");
        this.refused = metrics.counter(prefix + "gateway.refused");
    }

    /** The interceptor of a device's connection if it is a gateway (the flag hive-iot-auth wrote at CONNECT). */
    public Optional<PublishInboundInterceptor> interceptor(
            final ClientIdentity device, final String brokerClientId, final ConnectionAttributeStore attributes) {
        if (!"true".equals(attributes.getAsString(ConnectionAttributes.GATEWAY).orElse(""))) {
            return Optional.empty();
        }
        final GatewaySessions.Session session = sessions.opened(device, brokerClientId, attributes);
        return Optional.of(new GatewayRequests(
                session,
                DeviceProfile.readFrom(attributes).payloadType(),
                store,
                sessions,
                claims,
                timeout,
                created,
                refused));
    }

    /** A connection ended; if it was a gateway's, its sub-devices disconnect with it. */
    public void closed(final ConnectionAttributeStore attributes) {
        sessions.closed(attributes);
    }

    public void invalidateCaches() {
        store.invalidateAll();
    }
}

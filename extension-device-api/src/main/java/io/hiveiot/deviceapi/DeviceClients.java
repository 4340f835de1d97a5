package io.hiveiot.deviceapi;

import com.hivemq.extension.sdk.api.client.ClientContext;
import com.hivemq.extension.sdk.api.client.parameter.InitializerInput;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.services.intializer.ClientInitializer;
import io.hiveiot.deviceapi.bucket.BucketRecorders;
import io.hiveiot.deviceapi.device.DeviceApiMetrics;
import io.hiveiot.deviceapi.device.DeviceInterceptor;
import io.hiveiot.deviceapi.device.DeviceTopics;
import io.hiveiot.deviceapi.route.DeviceLocations;
import io.hiveiot.deviceapi.rpc.PushSubscriptions;
import io.hiveiot.deviceapi.rpc.ServerRpc;
import io.hiveiot.deviceapi.session.DeviceRoutes;
import io.hiveiot.deviceapi.session.DeviceSession;
import io.hiveiot.kit.api.StreamSubscriptions;
import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.identity.ConnectionAttributes;
import io.hiveiot.kit.identity.Role;
import io.hiveiot.kit.publish.CommittedAnswer;
import io.hiveiot.kit.session.DeviceConnection;
import io.hiveiot.kit.thingsboard.DeviceProfile;
import io.hiveiot.kit.topic.TopicSpace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;

/**
 * Gives each connection what its role needs: a DEVICE its device interceptor (with its profile and gateway flag
 * as hive-iot-auth annotated them) with the bucket recorder of its topic space, the watch of its push subscriptions
 * (which also sends it queued persistent RPCs); an APP or ADMIN the {@code devices}
 * service. Every client but a device that hive-iot-auth identified has its SUBSCRIBEs watched for device-stream
 * filters ({@link StreamSubscriptions#watch}). Provisioning sessions pay nothing else. The identity is the one hive-iot-auth annotated; with
 * {@code identity-fallback} on, a client without one is a device of account {@code default} named (and
 * identified) by its client ID.
 */
final class DeviceClients implements ClientInitializer {

    private static final Logger log = LoggerFactory.getLogger(DeviceClients.class);

    /** What a device connection gets beyond its device interceptor. */
    record DeviceSide(
            DeviceRoutes routes, DeviceLocations locations, ServerRpc serverRpc, BucketRecorders bucketRecorders) {}

    private final DeviceTopics topics;
    private final DeviceApiMetrics metrics;
    private final CommittedAnswer committed;
    private final boolean identityFallback;
    private final Clock clock;
    private final DeviceSide deviceSide;
    private final PublishInboundInterceptor devicesService;
    private final StreamSubscriptions streamSubscriptions;

    DeviceClients(
            final DeviceTopics topics,
            final DeviceApiMetrics metrics,
            final CommittedAnswer committed,
            final boolean identityFallback,
            final Clock clock,
            final DeviceSide deviceSide,
            final PublishInboundInterceptor devicesService,
            final StreamSubscriptions streamSubscriptions) {
        this.topics = topics;
        this.metrics = metrics;
        this.committed = committed;
        this.identityFallback = identityFallback;
        this.clock = clock;
        this.deviceSide = deviceSide;
        this.devicesService = devicesService;
        this.streamSubscriptions = streamSubscriptions;
    }

    @Override
    public void initialize(final InitializerInput input, final ClientContext context) {
        try {
            streamSubscriptions.watch(input, context);
            final Optional<ClientIdentity> identity = identity(input);
            if (identity.isEmpty()) {
                return;
            }
            final Role role = identity.get().role();
            if (role == Role.APP || role == Role.ADMIN) {
                context.addPublishInboundInterceptor(devicesService);
            } else if (isDevice(identity.get())) {
                initializeDevice(input, context, identity.get());
            }
        } catch (final RuntimeException e) {
            // Without the interceptor the device's publishes are refused by authorization, never routed.
            log.error(
                    "hive-iot-device-api: no interceptors for {}",
                    input.getClientInformation().getClientId(),
                    e);
        }
    }

    private void initializeDevice(
            final InitializerInput input, final ClientContext context, final ClientIdentity device) {
        final var attributes = input.getConnectionInformation().getConnectionAttributeStore();
        final var session = new DeviceSession(
                DeviceConnection.of(device, input),
                DeviceProfile.readFrom(attributes),
                "true"
                        .equals(attributes
                                .getAsString(ConnectionAttributes.GATEWAY)
                                .orElse("")));
        final var space = TopicSpace.of(device.account(), attributes);
        context.addPublishInboundInterceptor(new DevicePublishes(
                space,
                session,
                deviceSide.bucketRecorders().forDevice(space),
                new DeviceInterceptor(session, topics, metrics, committed, clock)));
        final var subscriptions = new PushSubscriptions(session, deviceSide.serverRpc());
        context.addSubscribeInboundInterceptor(subscriptions);
        context.addSubackOutboundInterceptor(subscriptions);
        deviceSide.routes().sessions().connected(session);
        if (session.gateway()) {
            deviceSide.routes().gatewayOpened(session);
        }
        deviceSide.serverRpc().connected(session);
        deviceSide.locations().here(device.deviceId(), clock.millis());
    }

    private Optional<ClientIdentity> identity(final InitializerInput input) {
        return ClientIdentity.of(
                input.getConnectionInformation().getConnectionAttributeStore(),
                input.getClientInformation().getClientId(),
                identityFallback);
    }

    private static boolean isDevice(final ClientIdentity identity) {
        return identity.role() == Role.DEVICE && identity.deviceId() != null && identity.deviceName() != null;
    }
}

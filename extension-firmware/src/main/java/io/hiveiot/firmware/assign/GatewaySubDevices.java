package io.hiveiot.firmware.assign;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import com.hivemq.extension.sdk.api.services.publish.PublishToClientResult;
import io.hiveiot.kit.thingsboard.DeviceProfile;
import io.hiveiot.kit.thingsboard.GatewayTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sub-devices reachable through gateway connections on this node, for their firmware: a sub-device is reachable
 * from its gateway's first message about it until {@code v1/gateway/disconnect} or the end of the gateway's
 * connection (as its connection status and hive-iot-device-api's routes). Its assignments come from the
 * {@link AssignmentMirror}, so its gateway's attribute requests carry its {@code fw_*} keys without a database read;
 * an assignment change is pushed to the gateway as ThingsBoard pushes any shared attribute of a sub-device:
 * {@code {"device":"A","data":{..}}} on {@code v1/gateway/attributes}. Thread-safe.
 */
public final class GatewaySubDevices {

    private static final Logger log = LoggerFactory.getLogger(GatewaySubDevices.class);
    private static final String TOKEN = "hive-iot.firmware.gateway-session";

    /** One gateway connection, as handed to its interceptor. */
    public static final class Gateway {

        private final DeviceSession session;
        private final boolean json;

        private Gateway(final DeviceSession session, final boolean json) {
            this.session = session;
            this.json = json;
        }

        public DeviceSession session() {
            return session;
        }

        /** Whether the gateway speaks JSON (ThingsBoard's fixed Protocol Buffers messages otherwise). */
        public boolean json() {
            return json;
        }
    }

    private record Route(Gateway gateway, String name) {}

    private final AssignmentMirror mirror;
    private final Map<String, Route> byDevice = new ConcurrentHashMap<>();
    private final Map<String, Gateway> gateways = new ConcurrentHashMap<>();

    public GatewaySubDevices(final AssignmentMirror mirror) {
        this.mirror = mirror;
    }

    /** A gateway's connection started; its end is recognised by a token in its own connection attributes. */
    public Gateway opened(final DeviceSession session) {
        final ConnectionAttributeStore attributes = session.connection().attributes();
        final var gateway = new Gateway(
                session, DeviceProfile.readFrom(attributes).payloadType() == DeviceProfile.PayloadType.JSON);
        final String token = UUID.randomUUID().toString();
        attributes.putAsString(TOKEN, token);
        gateways.put(token, gateway);
        return gateway;
    }

    /** The gateway speaks for these sub-devices (ids by name). */
    public void spokeFor(final Gateway gateway, final Map<String, String> idsByName) {
        idsByName.forEach((name, id) -> {
            final Route current = byDevice.get(id);
            if (current == null || current.gateway() != gateway) {
                byDevice.put(id, new Route(gateway, name));
            }
        });
    }

    /** The gateway disconnected the sub-device. */
    public void disconnected(final Gateway gateway, final String deviceId) {
        byDevice.computeIfPresent(deviceId, (id, route) -> route.gateway() == gateway ? null : route);
    }

    /** A connection ended; if a gateway's, its sub-devices are no longer reachable. */
    public void closed(final ConnectionAttributeStore attributes) {
        attributes
                .getAsString(TOKEN)
                .map(gateways::remove)
                .ifPresent(gateway -> byDevice.values().removeIf(route -> route.gateway() == gateway));
    }

    /** The firmware keys of a sub-device reachable through this gateway; empty when it is not reachable through it. */
    public Optional<ObjectNode> keys(final Gateway gateway, final String deviceId) {
        final Route route = byDevice.get(deviceId);
        if (route == null || route.gateway() != gateway) {
            return Optional.empty();
        }
        return Optional.of(FirmwareKeys.of(mirror.of(deviceId)));
    }

    /** Whether the device is reachable here as a sub-device of a gateway. */
    boolean reachable(final String deviceId) {
        return byDevice.containsKey(deviceId);
    }

    /** Sub-devices reachable here. */
    public int count() {
        return byDevice.size();
    }

    /** A change of the device's assignment, pushed through its gateway if it is reachable through one. */
    void change(final String deviceId, final ObjectNode push) {
        final Route route = byDevice.get(deviceId);
        if (route == null) {
            return;
        }
        if (!route.gateway().json()) {
            // ThingsBoard's Protocol Buffers gateways read the keys with an attribute request.
            return;
        }
        final ObjectNode envelope = push.objectNode().put("device", route.name());
        envelope.set("data", push);
        final String clientId = route.gateway().session().brokerClientId();
        Services.publishService()
                .publishToClient(
                        Builders.publish()
                                .topic(GatewayTopic.ATTRIBUTES)
                                .qos(Qos.AT_LEAST_ONCE)
                                .payload(ByteBuffer.wrap(envelope.toString().getBytes(StandardCharsets.UTF_8)))
                                .build(),
                        clientId)
                .whenComplete((result, failure) -> {
                    if (failure != null || result != PublishToClientResult.SUCCESSFUL) {
                        log.debug(
                                "hive-iot-firmware: attribute push for sub-device {} to {} not sent: {}",
                                deviceId,
                                clientId,
                                failure != null ? failure.toString() : result);
                    }
                });
    }
}

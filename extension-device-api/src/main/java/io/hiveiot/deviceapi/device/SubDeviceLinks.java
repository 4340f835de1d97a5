package io.hiveiot.deviceapi.device;

import io.hiveiot.deviceapi.payload.BadPayloadException;
import io.hiveiot.deviceapi.route.DeviceLocations;
import io.hiveiot.deviceapi.rpc.ServerRpc;
import io.hiveiot.deviceapi.session.DeviceRef;
import io.hiveiot.deviceapi.session.DeviceRoute;
import io.hiveiot.deviceapi.session.DeviceRoutes;
import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.thingsboard.SubDevices;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.WRONG_SHAPE;

/**
 * The sub-devices a gateway publish names, as hive-iot-auth resolved them, and their route through the gateway's
 * connection: a sub-device is reachable from the gateway's first message about it (ThingsBoard opens its session
 * then, and sends it its queued persistent RPC) until the gateway disconnects it or its own connection ends.
 */
final class SubDeviceLinks {

    private final DeviceRoutes routes;
    private final ServerRpc serverRpc;
    private final DeviceLocations locations;

    SubDeviceLinks(final DeviceRoutes routes, final ServerRpc serverRpc, final DeviceLocations locations) {
        this.routes = routes;
        this.serverRpc = serverRpc;
        this.locations = locations;
    }

    /** The sub-devices by name, as devices of the gateway's account whose client ID is the gateway's. */
    Map<String, ClientIdentity> resolve(final DevicePublish publish, final Collection<String> names)
            throws BadPayloadException {
        final SubDevices annotated = publish.subDevices()
                .orElseThrow(() -> new BadPayloadException(WRONG_SHAPE, "sub-devices not resolved"));
        final var gateway = publish.device();
        final Map<String, ClientIdentity> devices = new LinkedHashMap<>();
        for (final String name : names) {
            final String id = annotated
                    .id(name)
                    .orElseThrow(() -> new BadPayloadException(WRONG_SHAPE, "device '" + name + "' was not resolved"));
            devices.put(name, ClientIdentity.device(gateway.account(), id, name, gateway.clientId()));
        }
        return devices;
    }

    ClientIdentity resolve(final DevicePublish publish, final String name) throws BadPayloadException {
        return resolve(publish, List.of(name)).get(name);
    }

    /** Each sub-device's part of a gateway publish under the sub-device it names. */
    <T> Map<ClientIdentity, T> byDevice(final DevicePublish publish, final Map<String, T> parts)
            throws BadPayloadException {
        final Map<ClientIdentity, T> byDevice = new LinkedHashMap<>();
        resolve(publish, parts.keySet()).forEach((name, device) -> byDevice.put(device, parts.get(name)));
        return byDevice;
    }

    /** The parts by device id, as the stores take them. */
    static <T> Map<String, T> byId(final Map<ClientIdentity, T> byDevice) {
        final Map<String, T> byId = new LinkedHashMap<>();
        byDevice.forEach((device, part) -> byId.put(device.deviceId(), part));
        return byId;
    }

    /** The gateway speaks for these sub-devices on its connection now. */
    void connected(final DevicePublish publish, final Collection<ClientIdentity> subDevices) {
        for (final ClientIdentity subDevice : subDevices) {
            if (routes.subDeviceConnected(subDevice.deviceId(), subDevice.deviceName(), publish.session())) {
                // Other broker nodes reach the sub-device through this node, as they reach a device connected here.
                locations.here(subDevice.deviceId(), publish.receivedAt());
                serverRpc.deliverQueued(
                        new DeviceRoute.ViaGateway(publish.session(), subDevice.deviceName()), ref(subDevice));
            }
        }
    }

    void disconnected(final DevicePublish publish, final ClientIdentity subDevice) {
        routes.subDeviceDisconnected(subDevice.deviceId(), publish.session());
        if (routes.of(subDevice.deviceId()).isEmpty()) {
            locations.gone(subDevice.deviceId());
        }
    }

    static DeviceRef ref(final ClientIdentity device) {
        return new DeviceRef(device.account(), device.deviceName(), device.deviceId());
    }
}

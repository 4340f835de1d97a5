package io.hiveiot.deviceapi.device;

import io.hiveiot.deviceapi.payload.BadPayloadException;
import io.hiveiot.deviceapi.rpc.ServerRpc;
import io.hiveiot.deviceapi.session.DeviceRef;
import io.hiveiot.deviceapi.session.DeviceRoute;
import io.hiveiot.deviceapi.session.DeviceRoutes;
import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.thingsboard.SubDevices;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.WRONG_SHAPE;

/**
 * The sub-devices a gateway publish names, as hive-iot-auth resolved them, and their route through the gateway's
 * connection: a sub-device is reachable from the gateway's first message about it (ThingsBoard opens its session
 * then, and sends it its queued persistent RPC) until the gateway disconnects it or its own connection ends.
 */
final class SubDeviceLinks {

    private final DeviceRoutes routes;
    private final ServerRpc serverRpc;
    private final long rpcTimeoutMs;

    SubDeviceLinks(final DeviceRoutes routes, final ServerRpc serverRpc, final long rpcTimeoutMs) {
        this.routes = routes;
        this.serverRpc = serverRpc;
        this.rpcTimeoutMs = rpcTimeoutMs;
    }

    /** The sub-devices by name, as devices of the gateway's account whose client ID is the gateway's. */
    Map<String, ClientIdentity> resolve(final DevicePublish publish, final Collection<String> names)
            throws BadPayloadException {
        final SubDevices annotated = publish.subDevices().orElseThrow(() -> new BadPayloadException(WRONG_SHAPE,
                "sub-devices not resolved"));
        final var gateway = publish.device();
        final Map<String, ClientIdentity> devices = new LinkedHashMap<>();
        for (final String name : names) {
            final String id = annotated.id(name).orElseThrow(() -> new BadPayloadException(WRONG_SHAPE,
                    "device '" + name + "' was not resolved"));
            devices.put(name, ClientIdentity.device(gateway.account(), id, name, gateway.clientId()));
        }
        return devices;
    }

    ClientIdentity resolve(final DevicePublish publish, final String name) throws BadPayloadException {
        return resolve(publish, List.of(name)).get(name);
    }

    /**
     * The work for a gateway publish carrying each sub-device's part: the sub-devices linked, then each part saved
     * as that device's own; done once every part is committed.
     */
    <T> TopicHandler.Work saveEach(final DevicePublish publish, final Map<String, T> parts,
                                   final BiFunction<ClientIdentity, T, CompletableFuture<Void>> save)
            throws BadPayloadException {
        final Map<String, ClientIdentity> devices = resolve(publish, parts.keySet());
        return () -> {
            connected(publish, devices.values());
            final List<CompletableFuture<Void>> saved = new ArrayList<>(devices.size());
            devices.forEach((name, device) -> saved.add(save.apply(device, parts.get(name))));
            return CompletableFuture.allOf(saved.toArray(CompletableFuture[]::new));
        };
    }

    /** The gateway speaks for these sub-devices on its connection now. */
    void connected(final DevicePublish publish, final Collection<ClientIdentity> subDevices) {
        for (final ClientIdentity subDevice : subDevices) {
            if (routes.subDeviceConnected(subDevice.deviceId(), subDevice.deviceName(), publish.session())) {
                serverRpc.deliverQueued(new DeviceRoute.ViaGateway(publish.session(), subDevice.deviceName()),
                        ref(subDevice), rpcTimeoutMs);
            }
        }
    }

    void disconnected(final DevicePublish publish, final ClientIdentity subDevice) {
        routes.subDeviceDisconnected(subDevice.deviceId(), publish.session());
    }

    static DeviceRef ref(final ClientIdentity device) {
        return new DeviceRef(device.account(), device.deviceName(), device.deviceId());
    }
}

package io.hiveiot.deviceapi.device;

import io.hiveiot.deviceapi.payload.BadPayloadException;
import io.hiveiot.deviceapi.payload.GatewayParser;
import io.hiveiot.deviceapi.protobuf.ProtoPayloads;
import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.thingsboard.DeviceProfile;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code v1/gateway/connect} and {@code v1/gateway/disconnect}: {@code {"device":"A"}} (ThingsBoard's
 * {@code ConnectMsg} / {@code DisconnectMsg} for a PROTOBUF gateway) starts or ends the route to the sub-device
 * through this gateway. Its connection status and events are hive-iot-auth's, which saw the publish first.
 */
final class GatewayConnectHandler implements TopicHandler {

    private final boolean connect;
    private final GatewayParser parser;
    private final ProtoPayloads protobuf;
    private final SubDeviceLinks links;

    GatewayConnectHandler(
            final boolean connect,
            final GatewayParser parser,
            final ProtoPayloads protobuf,
            final SubDeviceLinks links) {
        this.connect = connect;
        this.parser = parser;
        this.protobuf = protobuf;
        this.links = links;
    }

    @Override
    public Work parse(final DevicePublish publish) throws BadPayloadException {
        final String name = publish.payloadType() == DeviceProfile.PayloadType.PROTOBUF
                ? protobuf.deviceName(connect ? "ConnectMsg" : "DisconnectMsg", publish.payload())
                : parser.deviceName(publish.payload()).device();
        final ClientIdentity subDevice = links.resolve(publish, name);
        return () -> {
            if (connect) {
                links.connected(publish, List.of(subDevice));
            } else {
                links.disconnected(publish, subDevice);
            }
            return CompletableFuture.completedFuture(null);
        };
    }
}

package io.hiveiot.firmware.device;

import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.PublishPacket;
import io.hiveiot.firmware.assign.GatewaySubDevices;
import io.hiveiot.kit.api.PayloadBytes;
import io.hiveiot.kit.thingsboard.GatewayTopic;
import io.hiveiot.kit.thingsboard.SubDevices;

import java.util.Map;
import java.util.Optional;

/**
 * A gateway's publishes on {@code v1/gateway/...}, for the firmware of its sub-devices, with the sub-devices
 * hive-iot-auth resolved for each: they become reachable for assignment pushes ({@link GatewaySubDevices}) with
 * every message but a disconnect, which ends that; the rollout keys of their telemetry are recorded as a device's
 * own ({@link RolloutTelemetry}); and an attribute request gets the sub-device's {@code fw_*} / {@code sw_*} keys
 * attached ({@link SubDevices#FIRMWARE_KEYS}) for hive-iot-device-api's answer. Every publish goes on to
 * device-api, which stores it or refuses it (one without resolved sub-devices is a bad payload there).
 */
final class GatewayFirmware {

    private final GatewaySubDevices subDevices;
    private final GatewaySubDevices.Gateway gateway;
    private final RolloutTelemetry telemetry;

    GatewayFirmware(
            final GatewaySubDevices subDevices,
            final GatewaySubDevices.Gateway gateway,
            final RolloutTelemetry telemetry) {
        this.subDevices = subDevices;
        this.gateway = gateway;
        this.telemetry = telemetry;
    }

    void handle(final String topic, final PublishPacket packet, final PublishInboundOutput output) {
        final Optional<SubDevices> named = SubDevices.readFrom(packet.getUserProperties());
        if (named.isEmpty()) {
            return;
        }
        final Map<String, String> ids = named.get().idsByName();
        if (topic.equals(GatewayTopic.DISCONNECT)) {
            ids.values().forEach(id -> subDevices.disconnected(gateway, id));
            return;
        }
        if (!GatewayTopic.connects(topic)) {
            return;
        }
        subDevices.spokeFor(gateway, ids);
        if (topic.equals(GatewayTopic.TELEMETRY) && gateway.json()) {
            telemetry.handleGateway(PayloadBytes.of(packet.getPayload()), ids, packet.getQos(), output);
        } else if (topic.equals(GatewayTopic.ATTRIBUTES_REQUEST) && ids.size() == 1) {
            subDevices
                    .keys(gateway, ids.values().iterator().next())
                    .filter(keys -> !keys.isEmpty())
                    .ifPresent(keys -> output.getPublishPacket()
                            .getUserProperties()
                            .addUserProperty(SubDevices.FIRMWARE_KEYS, keys.toString()));
        }
    }
}

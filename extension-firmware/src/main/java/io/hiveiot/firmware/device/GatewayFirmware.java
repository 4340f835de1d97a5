package io.hiveiot.firmware.device;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.PublishPacket;
import io.hiveiot.firmware.assign.GatewaySubDevices;
import io.hiveiot.kit.api.PayloadBytes;
import io.hiveiot.kit.thingsboard.GatewayTopic;
import io.hiveiot.kit.thingsboard.SubDevices;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
    private final FirmwareMetrics metrics;
    private final Duration asyncTimeout;

    GatewayFirmware(
            final GatewaySubDevices subDevices,
            final GatewaySubDevices.Gateway gateway,
            final RolloutTelemetry telemetry,
            final FirmwareMetrics metrics,
            final Duration asyncTimeout) {
        this.subDevices = subDevices;
        this.gateway = gateway;
        this.telemetry = telemetry;
        this.metrics = metrics;
        this.asyncTimeout = asyncTimeout;
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
            subDevices.keys(gateway, ids.values().iterator().next()).ifPresent(keys -> attachKeys(keys, output));
        }
    }

    /** Attaches the keys, waiting for them if the sub-device has only just become reachable. */
    private void attachKeys(final CompletableFuture<ObjectNode> keys, final PublishInboundOutput output) {
        if (keys.isDone()) {
            attach(keys.join(), output);
            return;
        }
        metrics.attributeRequestsWaited.inc();
        final Async<PublishInboundOutput> async = output.async(
                asyncTimeout,
                TimeoutFallback.FAILURE,
                AckReasonCode.UNSPECIFIED_ERROR,
                "timed out reading the assignment");
        // The read always completes (with no assignment when it fails); this timeout is a safety net that resumes
        // well before HiveMQ's, after which device-api answers without the fw_* keys.
        keys.orTimeout(asyncTimeout.toMillis() / 2, TimeUnit.MILLISECONDS).whenComplete((found, failure) -> {
            try {
                if (found != null) {
                    attach(found, async.getOutput());
                }
            } finally {
                async.resume();
            }
        });
    }

    private static void attach(final ObjectNode keys, final PublishInboundOutput output) {
        if (!keys.isEmpty()) {
            output.getPublishPacket().getUserProperties().addUserProperty(SubDevices.FIRMWARE_KEYS, keys.toString());
        }
    }
}

package io.hiveiot.firmware.device;

import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.PublishPacket;
import io.hiveiot.firmware.assign.DeviceSession;
import io.hiveiot.firmware.assign.GatewaySubDevices;
import io.hiveiot.firmware.chunk.ChunkServer;
import io.hiveiot.firmware.rollout.FirmwareEvents;
import io.hiveiot.firmware.rollout.RolloutStore;
import io.hiveiot.kit.api.PayloadBytes;
import io.hiveiot.kit.publish.CommittedAnswer;
import io.hiveiot.kit.thingsboard.DeviceTopic;
import io.hiveiot.kit.thingsboard.GatewayTopic;

import java.util.Optional;

/**
 * The one interceptor of a device connection, running before extension-device-api (priority 500 against 100):
 * <ul>
 *   <li>consumes {@code v2/fw/...} and {@code v2/sw/...} ({@link ChunkRequests}). A DEVICE has no publish
 *       permission on {@code v2/#}, and {@code preventPublishDelivery} skips authorization, so nothing there is
 *       ever routed;</li>
 *   <li>reads the rollout keys of {@code v1/devices/me/telemetry} and leaves the publish to device-api
 *       ({@link RolloutTelemetry});</li>
 *   <li>for a gateway, follows the sub-devices it speaks for on {@code v1/gateway/...} ({@link GatewayFirmware}).
 *   </li>
 * </ul>
 * Everything is caught: an interceptor that throws would let HiveMQ acknowledge with success.
 */
public final class DeviceFirmwareInterceptor implements PublishInboundInterceptor {

    private final DeviceSession session;
    private final ChunkRequests chunks;
    private final RolloutTelemetry telemetry;
    private final Optional<GatewayFirmware> gateway;
    private final CommittedAnswer committed;

    /** @param gateway the device's sub-devices, if it is a gateway */
    public DeviceFirmwareInterceptor(
            final DeviceSession session,
            final ChunkServer chunks,
            final RolloutStore rollout,
            final FirmwareEvents events,
            final FirmwareMetrics metrics,
            final CommittedAnswer committed,
            final Optional<GatewaySubDevices> gateway) {
        this.session = session;
        this.chunks = new ChunkRequests(session, chunks, metrics, committed);
        this.telemetry = new RolloutTelemetry(session, rollout, events, metrics, committed);
        this.gateway =
                gateway.map(subDevices -> new GatewayFirmware(subDevices, subDevices.opened(session), telemetry));
        this.committed = committed;
    }

    @Override
    public void onInboundPublish(final PublishInboundInput input, final PublishInboundOutput output) {
        final PublishPacket packet = input.getPublishPacket();
        final String topic = packet.getTopic();
        try {
            if (DeviceTopic.isOta(topic)) {
                chunks.handle(topic, PayloadBytes.of(packet.getPayload()), packet.getQos(), output);
            } else if (topic.equals(DeviceTopic.TELEMETRY)) {
                telemetry.handle(PayloadBytes.of(packet.getPayload()), packet.getQos(), output);
            } else if (gateway.isPresent() && GatewayTopic.isGateway(topic)) {
                gateway.get().handle(topic, packet, output);
            }
        } catch (final RuntimeException e) {
            committed.internalError(output, topic, session.brokerClientId(), e);
        }
    }
}

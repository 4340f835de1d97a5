package io.hiveiot.firmware.device;

import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
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
import io.hiveiot.kit.thingsboard.RequestTopic;
import io.hiveiot.kit.thingsboard.ShortTopic;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The one interceptor of a device connection, running before extension-device-api (priority 500 against 100):
 * <ul>
 *   <li>consumes {@code v2/fw/...} and {@code v2/sw/...} ({@link ChunkRequests}). A DEVICE has no publish
 *       permission on {@code v2/#}, and {@code preventPublishDelivery} skips authorization, so nothing there is
 *       ever routed;</li>
 *   <li>reads the rollout keys of {@code v1/devices/me/telemetry} and leaves the publish to device-api
 *       ({@link RolloutTelemetry});</li>
 *   <li>holds an attribute request ({@code v1} or {@code v2}) back until the connection's {@code hive-iot.fw}
 *       annotation is known, so that device-api's answer carries the {@code fw_*} keys even right after
 *       connect;</li>
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
    private final FirmwareMetrics metrics;
    private final CommittedAnswer committed;
    private final Duration asyncTimeout;

    /** @param gateway the device's sub-devices, if it is a gateway */
    public DeviceFirmwareInterceptor(
            final DeviceSession session,
            final ChunkServer chunks,
            final RolloutStore rollout,
            final FirmwareEvents events,
            final FirmwareMetrics metrics,
            final CommittedAnswer committed,
            final Duration asyncTimeout,
            final Optional<GatewaySubDevices> gateway) {
        this.session = session;
        this.chunks = new ChunkRequests(session, chunks, metrics, committed);
        this.telemetry = new RolloutTelemetry(session, rollout, events, metrics, committed);
        this.gateway = gateway.map(subDevices ->
                new GatewayFirmware(subDevices, subDevices.opened(session), telemetry, metrics, asyncTimeout));
        this.metrics = metrics;
        this.committed = committed;
        this.asyncTimeout = asyncTimeout;
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
            } else if (RequestTopic.ATTRIBUTE_REQUEST.matches(topic)
                    || ShortTopic.parse(topic)
                            .filter(parsed -> parsed.kind() == ShortTopic.ATTRIBUTE_REQUEST)
                            .isPresent()) {
                awaitAnnotation(output);
            } else if (gateway.isPresent() && GatewayTopic.isGateway(topic)) {
                gateway.get().handle(topic, packet, output);
            }
        } catch (final RuntimeException e) {
            committed.internalError(output, topic, session.brokerClientId(), e);
        }
    }

    private void awaitAnnotation(final PublishInboundOutput output) {
        if (session.annotated()) {
            return;
        }
        metrics.attributeRequestsWaited.inc();
        final Async<PublishInboundOutput> async = output.async(
                asyncTimeout,
                TimeoutFallback.FAILURE,
                AckReasonCode.UNSPECIFIED_ERROR,
                "timed out reading the assignment");
        // The read at connect always completes (with no assignment when it fails); this timeout is a safety net
        // that resumes well before HiveMQ's, after which device-api answers without the fw_* keys.
        session.assignments()
                .orTimeout(asyncTimeout.toMillis() / 2, TimeUnit.MILLISECONDS)
                .whenComplete((done, failure) -> async.resume());
    }
}

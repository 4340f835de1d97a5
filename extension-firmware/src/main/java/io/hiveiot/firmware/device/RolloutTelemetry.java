package io.hiveiot.firmware.device;

import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import io.hiveiot.firmware.assign.DeviceSession;
import io.hiveiot.firmware.rollout.FirmwareEvents;
import io.hiveiot.firmware.rollout.RolloutReport;
import io.hiveiot.firmware.rollout.RolloutStore;
import io.hiveiot.firmware.rollout.TelemetryReader;
import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.publish.CommittedAnswer;
import io.hiveiot.kit.publish.Verdict;
import io.hiveiot.kit.thingsboard.DeviceTopic;
import io.hiveiot.kit.thingsboard.GatewayTopic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A device's {@code v1/devices/me/telemetry}, or a gateway's {@code v1/gateway/telemetry} for its sub-devices, read
 * for rollout keys and then left to extension-device-api, which stores it: the publish is never consumed here. A
 * QoS 1/2 report is committed before the publish goes on; if it cannot be, the publish is refused whole, so the
 * device sends it again and device-api never stores what we did not. QoS 0 is recorded without holding the device
 * back.
 */
final class RolloutTelemetry {

    private final DeviceSession session;
    private final RolloutStore rollout;
    private final FirmwareEvents events;
    private final FirmwareMetrics metrics;
    private final CommittedAnswer committed;

    RolloutTelemetry(
            final DeviceSession session,
            final RolloutStore rollout,
            final FirmwareEvents events,
            final FirmwareMetrics metrics,
            final CommittedAnswer committed) {
        this.session = session;
        this.rollout = rollout;
        this.events = events;
        this.metrics = metrics;
        this.committed = committed;
    }

    void handle(final byte[] payload, final Qos qos, final PublishInboundOutput output) {
        final List<RolloutReport> reports = TelemetryReader.read(payload);
        if (!reports.isEmpty()) {
            record(Map.of(session.device(), reports), qos, DeviceTopic.TELEMETRY, output);
        }
    }

    /** @param idsByName the sub-devices hive-iot-auth resolved for the publish */
    void handleGateway(
            final byte[] payload,
            final Map<String, String> idsByName,
            final Qos qos,
            final PublishInboundOutput output) {
        final ClientIdentity gateway = session.device();
        final Map<ClientIdentity, List<RolloutReport>> reports = new LinkedHashMap<>();
        TelemetryReader.readGateway(payload).forEach((name, found) -> {
            final String id = idsByName.get(name);
            if (id != null) {
                reports.put(ClientIdentity.device(gateway.account(), id, name, gateway.clientId()), found);
            }
        });
        if (!reports.isEmpty()) {
            record(reports, qos, GatewayTopic.TELEMETRY, output);
        }
    }

    private void record(
            final Map<ClientIdentity, List<RolloutReport>> reports,
            final Qos qos,
            final String topic,
            final PublishInboundOutput output) {
        committed.passOn(output, qos, topic, session.brokerClientId(), () -> {
            final List<CompletableFuture<Void>> recorded = new ArrayList<>();
            reports.forEach((device, found) -> found.forEach(report ->
                    recorded.add(rollout.record(device, report).thenAccept(ts -> {
                        metrics.rolloutReports.inc();
                        events.reported(device, report, ts);
                    }))));
            return CompletableFuture.allOf(recorded.toArray(CompletableFuture[]::new))
                    .whenComplete((done, failure) -> {
                        if (failure != null) {
                            metrics.rolloutRefused.inc();
                        }
                    })
                    .thenApply(done -> Verdict.ACCEPTED);
        });
    }
}

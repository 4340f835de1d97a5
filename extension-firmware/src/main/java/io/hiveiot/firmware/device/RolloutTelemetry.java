package io.hiveiot.firmware.device;

import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import io.hiveiot.firmware.assign.DeviceSession;
import io.hiveiot.firmware.rollout.FirmwareEvents;
import io.hiveiot.firmware.rollout.RolloutReport;
import io.hiveiot.firmware.rollout.RolloutStore;
import io.hiveiot.firmware.rollout.TelemetryReader;
import io.hiveiot.kit.publish.CommittedAnswer;
import io.hiveiot.kit.publish.Verdict;
import io.hiveiot.kit.thingsboard.DeviceTopic;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A device's {@code v1/devices/me/telemetry}, read for its rollout keys and then left to extension-device-api, which
 * stores it: the publish is never consumed here. A QoS 1/2 report is committed before the publish goes on; if it
 * cannot be, the publish is refused whole, so the device sends it again and device-api never stores what we did
 * not. QoS 0 is recorded without holding the device back.
 */
final class RolloutTelemetry {

    private final DeviceSession session;
    private final RolloutStore rollout;
    private final FirmwareEvents events;
    private final FirmwareMetrics metrics;
    private final CommittedAnswer committed;

    RolloutTelemetry(final DeviceSession session, final RolloutStore rollout, final FirmwareEvents events,
                     final FirmwareMetrics metrics, final CommittedAnswer committed) {
        this.session = session;
        this.rollout = rollout;
        this.events = events;
        this.metrics = metrics;
        this.committed = committed;
    }

    void handle(final byte[] payload, final Qos qos, final PublishInboundOutput output) {
        final List<RolloutReport> reports = TelemetryReader.read(payload);
        if (reports.isEmpty()) {
            return;
        }
        committed.passOn(output, qos, DeviceTopic.TELEMETRY, session.brokerClientId(), () -> CompletableFuture
                .allOf(reports.stream()
                        .map(report -> rollout.record(session.device(), report).thenAccept(ts -> {
                            metrics.rolloutReports.inc();
                            events.reported(session.device(), report, ts);
                        }))
                        .toArray(CompletableFuture[]::new))
                .whenComplete((done, failure) -> {
                    if (failure != null) {
                        metrics.rolloutRefused.inc();
                    }
                })
                .thenApply(done -> Verdict.ACCEPTED));
    }
}

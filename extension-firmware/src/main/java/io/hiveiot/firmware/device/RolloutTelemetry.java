package io.hiveiot.firmware.device;

import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import io.hiveiot.firmware.assign.DeviceSession;
import io.hiveiot.firmware.rollout.FirmwareEvents;
import io.hiveiot.firmware.rollout.RolloutReport;
import io.hiveiot.firmware.rollout.RolloutStore;
import io.hiveiot.firmware.rollout.TelemetryReader;
import io.hiveiot.kit.database.StoreOverloadedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A device's {@code v1/devices/me/telemetry}, read for its rollout keys and then left to extension-device-api, which
 * stores it: the publish is never consumed here. A QoS 1/2 report is committed before the publish goes on; if it
 * cannot be, the publish is refused whole, so the device sends it again and device-api never stores what we did
 * not. QoS 0 is recorded without holding the device back.
 */
final class RolloutTelemetry {

    private static final Logger log = LoggerFactory.getLogger(RolloutTelemetry.class);

    private final DeviceSession session;
    private final RolloutStore rollout;
    private final FirmwareEvents events;
    private final FirmwareMetrics metrics;
    private final Duration asyncTimeout;

    RolloutTelemetry(final DeviceSession session, final RolloutStore rollout, final FirmwareEvents events,
                     final FirmwareMetrics metrics, final Duration asyncTimeout) {
        this.session = session;
        this.rollout = rollout;
        this.events = events;
        this.metrics = metrics;
        this.asyncTimeout = asyncTimeout;
    }

    void handle(final byte[] payload, final Qos qos, final PublishInboundOutput output) {
        final List<RolloutReport> reports = TelemetryReader.read(payload);
        if (reports.isEmpty()) {
            return;
        }
        final CompletableFuture<Void> recorded = CompletableFuture.allOf(reports.stream()
                .map(report -> rollout.record(session.device(), report).thenAccept(ts -> {
                    metrics.rolloutReports.inc();
                    events.reported(session.device(), report, ts);
                }))
                .toArray(CompletableFuture[]::new));
        if (qos == Qos.AT_MOST_ONCE) {
            recorded.whenComplete((done, failure) -> {
                if (failure != null) {
                    metrics.rolloutRefused.inc();
                    log.debug("hive-iot-firmware: QoS 0 rollout report of {} not stored: {}",
                            session.brokerClientId(), failure.toString());
                }
            });
            return;
        }
        final Async<PublishInboundOutput> async = output.async(asyncTimeout, TimeoutFallback.FAILURE,
                AckReasonCode.UNSPECIFIED_ERROR, "timed out waiting for storage");
        final long started = System.nanoTime();
        recorded.whenComplete((done, failure) -> {
            try {
                if (System.nanoTime() - started >= asyncTimeout.toNanos()) {
                    metrics.asyncTimeouts.inc();
                }
                if (failure != null) {
                    metrics.rolloutRefused.inc();
                    final Throwable cause = Outcomes.unwrap(failure);
                    log.debug("hive-iot-firmware: rollout report of {} refused: {}", session.brokerClientId(),
                            cause.toString());
                    async.getOutput().preventPublishDelivery(cause instanceof StoreOverloadedException
                                    ? AckReasonCode.QUOTA_EXCEEDED : AckReasonCode.UNSPECIFIED_ERROR,
                            "not stored, try again later");
                }
            } finally {
                async.resume();
            }
        });
    }
}

package io.hiveiot.deviceapi.device;

import io.hiveiot.deviceapi.payload.BadPayloadException;
import io.hiveiot.deviceapi.payload.TelemetryParser;
import io.hiveiot.deviceapi.payload.TsKvBatch;
import io.hiveiot.deviceapi.telemetry.TelemetryStore;

import java.util.List;

/** {@code v1/devices/me/telemetry}: every point stored, then one event per timestamp. */
final class TelemetryHandler implements TopicHandler {

    private final TelemetryParser parser;
    private final TelemetryStore store;
    private final DeviceEvents events;
    private final DeviceApiMetrics metrics;

    TelemetryHandler(final TelemetryParser parser, final TelemetryStore store, final DeviceEvents events,
                     final DeviceApiMetrics metrics) {
        this.parser = parser;
        this.store = store;
        this.events = events;
        this.metrics = metrics;
    }

    @Override
    public Work parse(final DevicePublish publish) throws BadPayloadException {
        final List<TsKvBatch> batches = parser.parse(publish.payload(), publish.receivedAt());
        return () -> store.append(publish.device().deviceId(), batches).thenAccept(points -> {
            metrics.telemetryMessages.inc();
            metrics.telemetryPoints.inc(points);
            if (!batches.isEmpty()) {
                events.telemetry(publish.device(), publish.receivedAt(), batches);
            }
        });
    }
}

package io.hiveiot.deviceapi.device;

import io.hiveiot.deviceapi.payload.BadPayloadException;
import io.hiveiot.deviceapi.payload.TelemetryParser;
import io.hiveiot.deviceapi.payload.TsKvBatch;
import io.hiveiot.deviceapi.protobuf.ProtoPayloads;
import io.hiveiot.deviceapi.telemetry.TelemetryStore;
import io.hiveiot.kit.thingsboard.DeviceProfile;

import java.util.List;

/**
 * Telemetry ({@code v1/devices/me/telemetry} or the profile's filter, {@code v2/t}): every point stored, then one
 * event per timestamp. A Protocol Buffers payload is read with the profile's telemetry schema, then as its JSON.
 */
final class TelemetryHandler implements TopicHandler {

    private final TelemetryParser parser;
    private final ProtoPayloads protobuf;
    private final TelemetryStore store;
    private final DeviceEvents events;
    private final DeviceApiMetrics metrics;

    TelemetryHandler(
            final TelemetryParser parser,
            final ProtoPayloads protobuf,
            final TelemetryStore store,
            final DeviceEvents events,
            final DeviceApiMetrics metrics) {
        this.parser = parser;
        this.protobuf = protobuf;
        this.store = store;
        this.events = events;
        this.metrics = metrics;
    }

    @Override
    public Work parse(final DevicePublish publish) throws BadPayloadException {
        final byte[] json = publish.payloadType() == DeviceProfile.PayloadType.PROTOBUF
                ? protobuf.toJson(publish.session().profile(), DeviceProfile.Schema.TELEMETRY, publish.payload())
                : publish.payload();
        final List<TsKvBatch> batches = parser.parse(json, publish.receivedAt());
        return () -> store.append(publish.device().deviceId(), batches).thenAccept(points -> {
            metrics.telemetryMessages.inc();
            metrics.telemetryPoints.inc(points);
            if (!batches.isEmpty()) {
                events.telemetry(publish.device(), publish.receivedAt(), batches);
            }
        });
    }
}

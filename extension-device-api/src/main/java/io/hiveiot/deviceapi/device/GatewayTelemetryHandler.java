package io.hiveiot.deviceapi.device;

import io.hiveiot.deviceapi.payload.BadPayloadException;
import io.hiveiot.deviceapi.payload.GatewayParser;
import io.hiveiot.deviceapi.payload.TsKvBatch;
import io.hiveiot.deviceapi.protobuf.ProtoPayloads;
import io.hiveiot.deviceapi.telemetry.TelemetryStore;
import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.thingsboard.DeviceProfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code v1/gateway/telemetry}: {@code {"A":[{"ts":..,"values":{..}}],"B":[..]}} (ThingsBoard's
 * {@code GatewayTelemetryMsg} for a PROTOBUF gateway), each sub-device's points stored under its id as its own
 * telemetry would be, then its events. Acknowledged once every sub-device's points are committed.
 */
final class GatewayTelemetryHandler implements TopicHandler {

    private final GatewayParser parser;
    private final ProtoPayloads protobuf;
    private final TelemetryStore store;
    private final SubDeviceLinks links;
    private final DeviceEvents events;
    private final DeviceApiMetrics metrics;

    GatewayTelemetryHandler(final GatewayParser parser, final ProtoPayloads protobuf, final TelemetryStore store,
                            final SubDeviceLinks links, final DeviceEvents events, final DeviceApiMetrics metrics) {
        this.parser = parser;
        this.protobuf = protobuf;
        this.store = store;
        this.links = links;
        this.events = events;
        this.metrics = metrics;
    }

    @Override
    public Work parse(final DevicePublish publish) throws BadPayloadException {
        final Map<String, List<TsKvBatch>> telemetry = publish.payloadType() == DeviceProfile.PayloadType.PROTOBUF
                ? protobuf.gatewayTelemetry(publish.payload())
                : parser.telemetry(publish.payload(), publish.receivedAt());
        final Map<ClientIdentity, List<TsKvBatch>> byDevice = links.byDevice(publish, telemetry);
        return () -> {
            links.connected(publish, byDevice.keySet());
            final List<CompletableFuture<Void>> saved = new ArrayList<>(byDevice.size());
            byDevice.forEach((device, batches) -> saved.add(store.append(device.deviceId(), batches)
                    .thenAccept(points -> {
                        metrics.telemetryPoints.inc(points);
                        metrics.gatewayDeviceMessages.inc();
                        if (!batches.isEmpty()) {
                            events.telemetry(device, publish.receivedAt(), batches);
                        }
                    })));
            return CompletableFuture.allOf(saved.toArray(CompletableFuture[]::new))
                    .thenRun(metrics.telemetryMessages::inc);
        };
    }
}

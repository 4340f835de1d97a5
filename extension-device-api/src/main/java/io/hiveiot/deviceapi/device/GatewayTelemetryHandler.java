package io.hiveiot.deviceapi.device;

import io.hiveiot.deviceapi.payload.BadPayloadException;
import io.hiveiot.deviceapi.payload.GatewayParser;
import io.hiveiot.deviceapi.payload.TsKvBatch;
import io.hiveiot.deviceapi.protobuf.ProtoPayloads;
import io.hiveiot.deviceapi.telemetry.TelemetryStore;
import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.thingsboard.DeviceProfile;

import java.util.List;
import java.util.Map;

/**
 * {@code v1/gateway/telemetry}: {@code {"A":[{"ts":..,"values":{..}}],"B":[..]}} (ThingsBoard's
 * {@code GatewayTelemetryMsg} for a PROTOBUF gateway), each sub-device's points stored under its id as its own
 * telemetry would be, all in one write, then their events. Acknowledged once the write is committed.
 */
final class GatewayTelemetryHandler implements TopicHandler {

    private final GatewayParser parser;
    private final ProtoPayloads protobuf;
    private final TelemetryStore store;
    private final SubDeviceLinks links;
    private final DeviceEvents events;
    private final DeviceApiMetrics metrics;

    GatewayTelemetryHandler(
            final GatewayParser parser,
            final ProtoPayloads protobuf,
            final TelemetryStore store,
            final SubDeviceLinks links,
            final DeviceEvents events,
            final DeviceApiMetrics metrics) {
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
            return store.append(SubDeviceLinks.byId(byDevice)).thenAccept(stored -> {
                metrics.telemetryMessages.inc();
                byDevice.forEach((device, batches) -> {
                    metrics.telemetryPoints.inc(stored.getOrDefault(device.deviceId(), 0));
                    metrics.gatewayDeviceMessages.inc();
                    if (!batches.isEmpty()) {
                        events.telemetry(device, publish.receivedAt(), batches);
                    }
                });
            });
        };
    }
}

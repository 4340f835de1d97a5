package io.hiveiot.deviceapi.device;

import io.hiveiot.deviceapi.attributes.AttributeStore;
import io.hiveiot.deviceapi.payload.BadPayloadException;
import io.hiveiot.deviceapi.payload.GatewayParser;
import io.hiveiot.deviceapi.payload.KeyValue;
import io.hiveiot.deviceapi.protobuf.ProtoPayloads;
import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.thingsboard.DeviceProfile;

import java.util.List;
import java.util.Map;

/**
 * {@code v1/gateway/attributes} from a gateway: {@code {"A":{"k":v}}} (ThingsBoard's {@code GatewayAttributesMsg}
 * for a PROTOBUF gateway), each sub-device's client attributes stored as its own would be, all in one write.
 */
final class GatewayAttributesHandler implements TopicHandler {

    private final GatewayParser parser;
    private final ProtoPayloads protobuf;
    private final AttributeStore store;
    private final SubDeviceLinks links;
    private final DeviceEvents events;
    private final DeviceApiMetrics metrics;

    GatewayAttributesHandler(
            final GatewayParser parser,
            final ProtoPayloads protobuf,
            final AttributeStore store,
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
        final Map<String, List<KeyValue>> attributes = publish.payloadType() == DeviceProfile.PayloadType.PROTOBUF
                ? protobuf.gatewayAttributes(publish.payload())
                : parser.attributes(publish.payload());
        final Map<ClientIdentity, List<KeyValue>> byDevice = links.byDevice(publish, attributes);
        return () -> {
            links.connected(publish, byDevice.keySet());
            return store.saveClient(SubDeviceLinks.byId(byDevice)).thenRun(() -> {
                metrics.attributeMessages.inc();
                byDevice.forEach((device, entries) -> {
                    if (!entries.isEmpty()) {
                        events.attributes(device, publish.receivedAt(), entries);
                    }
                });
            });
        };
    }
}

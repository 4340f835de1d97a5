package io.hiveiot.deviceapi.device;

import io.hiveiot.deviceapi.attributes.AttributeStore;
import io.hiveiot.deviceapi.payload.BadPayloadException;
import io.hiveiot.deviceapi.payload.GatewayParser;
import io.hiveiot.deviceapi.payload.KeyValue;
import io.hiveiot.deviceapi.protobuf.ProtoPayloads;
import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.thingsboard.DeviceProfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code v1/gateway/attributes} from a gateway: {@code {"A":{"k":v}}} (ThingsBoard's {@code GatewayAttributesMsg}
 * for a PROTOBUF gateway), each sub-device's client attributes stored as its own would be.
 */
final class GatewayAttributesHandler implements TopicHandler {

    private final GatewayParser parser;
    private final ProtoPayloads protobuf;
    private final AttributeStore store;
    private final SubDeviceLinks links;
    private final DeviceEvents events;
    private final DeviceApiMetrics metrics;

    GatewayAttributesHandler(final GatewayParser parser, final ProtoPayloads protobuf, final AttributeStore store,
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
        final Map<String, List<KeyValue>> attributes = new LinkedHashMap<>();
        if (publish.payloadType() == DeviceProfile.PayloadType.PROTOBUF) {
            for (final var device : protobuf.gatewayAttributes(publish.payload())) {
                attributes.computeIfAbsent(device.device(), name -> new ArrayList<>()).addAll(device.content());
            }
        } else {
            attributes.putAll(parser.attributes(publish.payload()));
        }
        final Map<String, ClientIdentity> devices = links.resolve(publish, attributes.keySet());
        return () -> {
            links.connected(publish, devices.values());
            final List<CompletableFuture<Void>> stored = new ArrayList<>(devices.size());
            devices.forEach((name, device) -> {
                final List<KeyValue> entries = attributes.get(name);
                stored.add(store.saveClient(device.deviceId(), entries).thenAccept(changed -> {
                    if (!entries.isEmpty()) {
                        events.attributes(device, publish.receivedAt(), entries);
                    }
                }));
            });
            return CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new))
                    .thenRun(metrics.attributeMessages::inc);
        };
    }
}

package io.hiveiot.deviceapi.device;

import io.hiveiot.deviceapi.attributes.AttributeStore;
import io.hiveiot.deviceapi.payload.AttributesParser;
import io.hiveiot.deviceapi.payload.BadPayloadException;
import io.hiveiot.deviceapi.payload.KeyValue;
import io.hiveiot.deviceapi.protobuf.ProtoPayloads;
import io.hiveiot.kit.thingsboard.DeviceProfile;

import java.util.List;

/**
 * Client attributes ({@code v1/devices/me/attributes} or the profile's filter, {@code v2/a}): stored, then an event
 * with every attribute of the message (changed or not: the device reported them). A Protocol Buffers payload is
 * read with the profile's attributes schema, then as its JSON.
 */
final class AttributesHandler implements TopicHandler {

    private final AttributesParser parser;
    private final ProtoPayloads protobuf;
    private final AttributeStore store;
    private final DeviceEvents events;
    private final DeviceApiMetrics metrics;

    AttributesHandler(
            final AttributesParser parser,
            final ProtoPayloads protobuf,
            final AttributeStore store,
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
                ? protobuf.toJson(publish.session().profile(), DeviceProfile.Schema.ATTRIBUTES, publish.payload())
                : publish.payload();
        final List<KeyValue> entries = parser.parse(json);
        return () -> store.saveClient(publish.device().deviceId(), entries).thenAccept(changed -> {
            metrics.attributeMessages.inc();
            if (!entries.isEmpty()) {
                events.attributes(publish.device(), publish.receivedAt(), entries);
            }
        });
    }
}

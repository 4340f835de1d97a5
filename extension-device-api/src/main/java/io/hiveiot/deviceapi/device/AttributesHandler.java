package io.hiveiot.deviceapi.device;

import io.hiveiot.deviceapi.attributes.AttributeStore;
import io.hiveiot.deviceapi.payload.AttributesParser;
import io.hiveiot.deviceapi.payload.BadPayloadException;
import io.hiveiot.deviceapi.payload.KeyValue;

import java.util.List;

/**
 * {@code v1/devices/me/attributes}: the device's client attributes stored, then an event with every attribute of
 * the message (changed or not: the device reported them).
 */
final class AttributesHandler implements TopicHandler {

    private final AttributesParser parser;
    private final AttributeStore store;
    private final DeviceEvents events;
    private final DeviceApiMetrics metrics;

    AttributesHandler(final AttributesParser parser, final AttributeStore store, final DeviceEvents events,
                      final DeviceApiMetrics metrics) {
        this.parser = parser;
        this.store = store;
        this.events = events;
        this.metrics = metrics;
    }

    @Override
    public Work parse(final DevicePublish publish) throws BadPayloadException {
        final List<KeyValue> entries = parser.parse(publish.payload());
        return () -> store.saveClient(publish.device().deviceId(), entries).thenAccept(changed -> {
            metrics.attributeMessages.inc();
            if (!entries.isEmpty()) {
                events.attributes(publish.device(), publish.receivedAt(), entries);
            }
        });
    }
}

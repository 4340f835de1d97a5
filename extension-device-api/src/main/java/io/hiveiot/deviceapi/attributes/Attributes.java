package io.hiveiot.deviceapi.attributes;

import io.hiveiot.deviceapi.payload.KeyValue;

import java.util.List;

/**
 * A device's client and shared attributes as an attribute request selected them: in request order for listed
 * keys (unknown keys left out), by key for all keys. An empty list is left out of ThingsBoard's response.
 */
public record Attributes(List<KeyValue> client, List<KeyValue> shared) {

    public Attributes {
        client = List.copyOf(client);
        shared = List.copyOf(shared);
    }
}

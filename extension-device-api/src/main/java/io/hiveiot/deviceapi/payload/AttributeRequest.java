package io.hiveiot.deviceapi.payload;

import java.util.Objects;

/** A parsed {@code v1/devices/me/attributes/request/{id}} payload: which client and shared attributes to return. */
public record AttributeRequest(KeySelection client, KeySelection shared) {

    /** What {@code {}} asks for. */
    public static final AttributeRequest EVERYTHING = new AttributeRequest(KeySelection.ALL, KeySelection.ALL);

    public AttributeRequest {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(shared, "shared");
    }
}

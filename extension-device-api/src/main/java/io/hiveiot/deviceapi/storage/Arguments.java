package io.hiveiot.deviceapi.storage;

import java.util.Collection;
import java.util.Objects;

/**
 * Argument checks shared by the stores. A bad argument is a bug of the caller, so it is thrown at once, before
 * anything is queued, rather than reported through the returned future.
 */
public final class Arguments {

    private Arguments() {}

    /** A device id: non-null and not empty. */
    public static String deviceId(final String deviceId) {
        Objects.requireNonNull(deviceId, "deviceId");
        if (deviceId.isEmpty()) {
            throw new IllegalArgumentException("deviceId must not be empty");
        }
        return deviceId;
    }

    /** A collection without null elements (itself non-null). */
    public static <C extends Collection<?>> C noNulls(final C elements, final String name) {
        Objects.requireNonNull(elements, name);
        for (final Object element : elements) {
            Objects.requireNonNull(element, () -> name + " must not contain null");
        }
        return elements;
    }
}

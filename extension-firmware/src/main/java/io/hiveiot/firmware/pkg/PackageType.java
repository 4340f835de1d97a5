package io.hiveiot.firmware.pkg;

import java.util.Locale;
import java.util.Optional;

/**
 * ThingsBoard's two OTA package kinds. They behave alike; only the prefix of their attribute and telemetry keys
 * ({@code fw_title} / {@code sw_title}, ...) and of their chunk topics ({@code v2/fw/...} / {@code v2/sw/...}) differ.
 */
public enum PackageType {
    FIRMWARE("fw"),
    SOFTWARE("sw");

    private final String prefix;

    PackageType(final String prefix) {
        this.prefix = prefix;
    }

    /** {@code fw} or {@code sw}. */
    public String prefix() {
        return prefix;
    }

    /** The key with this type's prefix: {@code key("title")} is {@code fw_title}. */
    public String key(final String suffix) {
        return prefix + '_' + suffix;
    }

    public static Optional<PackageType> named(final String name) {
        try {
            return Optional.of(valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (final IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static Optional<PackageType> ofPrefix(final String prefix) {
        for (final PackageType type : values()) {
            if (type.prefix.equals(prefix)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}

package io.hiveiot.firmware.assign;

import io.hiveiot.firmware.pkg.PackageInfo;
import io.hiveiot.firmware.pkg.PackageType;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The packages assigned to one device, at most one per type. Immutable. */
public final class Assignments {

    public static final Assignments NONE = new Assignments(new EnumMap<>(PackageType.class));

    private final Map<PackageType, PackageInfo> byType;

    private Assignments(final Map<PackageType, PackageInfo> byType) {
        this.byType = byType;
    }

    public static Assignments of(final Map<PackageType, PackageInfo> byType) {
        final var copy = new EnumMap<PackageType, PackageInfo>(PackageType.class);
        copy.putAll(byType);
        return new Assignments(copy);
    }

    public Optional<PackageInfo> get(final PackageType type) {
        return Optional.ofNullable(byType.get(type));
    }

    public Assignments with(final PackageType type, final Optional<PackageInfo> info) {
        final var copy = new EnumMap<PackageType, PackageInfo>(PackageType.class);
        copy.putAll(byType);
        info.ifPresentOrElse(value -> copy.put(type, value), () -> copy.remove(type));
        return new Assignments(copy);
    }
}

package io.hiveiot.firmware.assign;

import io.hiveiot.firmware.pkg.PackageInfo;
import io.hiveiot.firmware.pkg.PackageType;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The packages assigned to one device, at most one per type. Immutable; one small array by package type, since the
 * {@link AssignmentMirror} holds one for every device with an assignment.
 */
public final class Assignments {

    public static final Assignments NONE = new Assignments(new PackageInfo[PackageType.values().length]);

    private final PackageInfo[] byType;

    private Assignments(final PackageInfo[] byType) {
        this.byType = byType;
    }

    public static Assignments of(final Map<PackageType, PackageInfo> byType) {
        final PackageInfo[] array = new PackageInfo[PackageType.values().length];
        byType.forEach((type, info) -> array[type.ordinal()] = info);
        return new Assignments(array);
    }

    public boolean isEmpty() {
        return Arrays.stream(byType).allMatch(Objects::isNull);
    }

    public Optional<PackageInfo> get(final PackageType type) {
        return Optional.ofNullable(byType[type.ordinal()]);
    }

    public Assignments with(final PackageType type, final Optional<PackageInfo> info) {
        final PackageInfo[] copy = byType.clone();
        copy[type.ordinal()] = info.orElse(null);
        return new Assignments(copy);
    }
}

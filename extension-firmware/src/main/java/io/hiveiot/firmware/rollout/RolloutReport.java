package io.hiveiot.firmware.rollout;

import io.hiveiot.firmware.pkg.PackageType;

import java.util.Optional;

/**
 * What a device reported about one package type in its telemetry: {@code fw_state}, {@code fw_error},
 * {@code current_fw_title}, {@code current_fw_version} (or the {@code sw_} keys). At least one is present.
 */
public record RolloutReport(
        PackageType type,
        Optional<String> state,
        Optional<String> error,
        Optional<String> currentTitle,
        Optional<String> currentVersion) {}

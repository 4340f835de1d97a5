package io.hiveiot.firmware.pkg;

import java.util.Optional;

/**
 * An uploaded package without its bytes: what assignment pushes to devices and what the service lists.
 *
 * @param id        stable id; chunk requests and the bytes cache use it
 * @param size      the byte count, ThingsBoard's {@code fw_size}
 * @param checksum  as ThingsBoard writes it for {@code algorithm} (see {@link ChecksumAlgorithm})
 */
public record PackageInfo(
        String id,
        String account,
        PackageType type,
        String title,
        String version,
        Optional<String> tag,
        ChecksumAlgorithm algorithm,
        String checksum,
        long size,
        String contentType,
        long createdAt) {}

package io.hiveiot.firmware.pkg;

import java.util.Optional;

/**
 * One message of a {@code package.upload}: a package sent whole, or one piece of a package sent in several messages
 * (each at the offset where the previous one ended, the last one marked {@code last}).
 *
 * @param checksum an expected checksum; the computed one must equal it
 * @param size     an expected total size; the assembled package must have it
 */
public record UploadPiece(
        String account,
        PackageType type,
        String title,
        String version,
        Optional<String> tag,
        ChecksumAlgorithm algorithm,
        Optional<String> checksum,
        Optional<Long> size,
        String contentType,
        long offset,
        byte[] data,
        boolean last) {}

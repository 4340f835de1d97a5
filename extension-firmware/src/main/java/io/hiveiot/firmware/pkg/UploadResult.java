package io.hiveiot.firmware.pkg;

import java.util.Optional;

/**
 * What an upload message achieved: the finished package, the bytes received so far of an upload still in progress
 * (the next piece's offset), or why the whole upload was discarded (returned, not thrown, so that the discarding
 * is committed).
 */
public record UploadResult(Optional<PackageInfo> finished, long received, Optional<String> discarded) {

    static UploadResult inProgress(final long received) {
        return new UploadResult(Optional.empty(), received, Optional.empty());
    }

    static UploadResult discarded(final String reason) {
        return new UploadResult(Optional.empty(), 0, Optional.of(reason));
    }
}

package io.hiveiot.firmware.chunk;

import io.hiveiot.firmware.assign.AssignmentMirror;
import io.hiveiot.firmware.assign.DeviceSession;
import io.hiveiot.firmware.pkg.PackageInfo;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Answers chunk requests from memory: the package comes from the device's assignments ({@link AssignmentMirror}) or
 * from what the request id fixed earlier, its bytes from {@link PackageBytes}. Chunk {@code n} of size {@code s}
 * covers bytes {@code [n*s, n*s+s)}; past the end it is empty, and the device stops there. Without a size (none
 * given and none remembered) the whole package is one chunk.
 */
public final class ChunkServer {

    private final AssignmentMirror assignments;
    private final PackageBytes bytes;
    private final int maxChunkSize;

    public ChunkServer(final AssignmentMirror assignments, final PackageBytes bytes, final int maxChunkSize) {
        this.assignments = assignments;
        this.bytes = bytes;
        this.maxChunkSize = maxChunkSize;
    }

    /** A fresh memory of request ids, one per device connection. */
    public static Memory newMemory() {
        return new Memory(new RequestMemory());
    }

    /** What a connection's earlier requests fixed; opaque outside this package. */
    public static final class Memory {
        private final RequestMemory requests;

        private Memory(final RequestMemory requests) {
            this.requests = requests;
        }
    }

    /**
     * The chunk's bytes, a read-only view into the cached package (no copy). Fails with {@link BadChunkRequest}
     * (possibly wrapped in a {@link CompletionException}) for an answer on {@code v2/fw/error}.
     */
    public CompletableFuture<ByteBuffer> serve(
            final DeviceSession session, final Memory memory, final ChunkRequest request) {
        final RequestMemory requests = memory.requests;
        if (request.size().isPresent() && request.size().getAsInt() > maxChunkSize) {
            return CompletableFuture.failedFuture(
                    new BadChunkRequest(OtaError.PAYLOAD_TOO_LARGE, "chunk size above the maximum of " + maxChunkSize));
        }
        final Optional<RequestMemory.Remembered> remembered = requests.get(request);
        final Optional<String> packageId = remembered.isPresent()
                ? Optional.of(remembered.get().packageId())
                : assignments
                        .of(session.device().deviceId())
                        .get(request.type())
                        .map(PackageInfo::id);
        if (packageId.isEmpty()) {
            return CompletableFuture.failedFuture(new BadChunkRequest(
                    OtaError.NOT_FOUND,
                    "no " + request.type().name().toLowerCase(java.util.Locale.ROOT) + " package assigned"));
        }
        final int size = request.size()
                .orElse(remembered.map(RequestMemory.Remembered::chunkSize).orElse(0));
        requests.put(request, new RequestMemory.Remembered(packageId.get(), size));
        return bytes.get(packageId.get())
                .thenApply(content -> slice(
                        content.orElseThrow(() -> new CompletionException(
                                new BadChunkRequest(OtaError.NOT_FOUND, "the assigned package no longer exists"))),
                        size,
                        request,
                        limit(session, request)));
    }

    /** The largest chunk this device can get: max-chunk-size, or less when its client announced a smaller limit. */
    private int limit(final DeviceSession session, final ChunkRequest request) {
        return session.maxPacketSize().isPresent()
                ? Math.min(
                        maxChunkSize,
                        ClientPacketLimit.payloadLimit(session.maxPacketSize().getAsInt(), request.responseTopic()))
                : maxChunkSize;
    }

    private static ByteBuffer slice(final byte[] content, final int size, final ChunkRequest request, final int limit) {
        final int effective = size == 0 ? content.length : size;
        if (effective > limit) {
            throw new CompletionException(new BadChunkRequest(
                    OtaError.PAYLOAD_TOO_LARGE,
                    (size == 0
                                    ? "the package is larger than the largest chunk this device can get, "
                                    : "the chunk size is above the largest chunk this device can get, ")
                            + limit));
        }
        final long from = (long) request.chunk() * effective;
        if (from >= content.length) {
            return ByteBuffer.allocate(0);
        }
        final int length = (int) Math.min(effective, content.length - from);
        return ByteBuffer.wrap(content, (int) from, length).slice().asReadOnlyBuffer();
    }
}

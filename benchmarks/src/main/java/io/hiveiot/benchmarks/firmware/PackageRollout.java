package io.hiveiot.benchmarks.firmware;

import com.fasterxml.jackson.databind.JsonNode;
import io.hiveiot.benchmarks.load.Device;
import io.hiveiot.benchmarks.provision.ServiceClient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an operator does before devices download, through hive-iot's {@code firmware} service: uploads the package
 * in pieces (each at the offset where the previous one ended; a piece is one MQTT message, so a package larger than
 * the broker's packet limit must be split) and assigns it to every device, a bounded number of requests in flight.
 */
public final class PackageRollout {

    /** 256 KiB of package, about 350 KB of base64 per message: far below the broker's 16 MiB packet limit. */
    public static final int UPLOAD_PIECE = 256 * 1024;

    static final int ASSIGN_WINDOW = 100;

    private final ServiceClient service;
    private final String title;
    private final String version;
    /**
     * Request ids start at this run's start in ms x 1,000: hive-iot answers a (client, request id) once and ignores
     * a repeat for 10 minutes, so a later run with the same client ID must not reuse them.
     */
    private final AtomicLong ids = new AtomicLong(System.currentTimeMillis() * 1_000);

    /** @param version unique per run: hive-iot keeps each (title, version) once per account */
    public PackageRollout(final ServiceClient service, final String title, final String version) {
        this.service = service;
        this.title = title;
        this.version = version;
    }

    /** Uploads the whole package; throws when the service refuses a piece. */
    public void upload(final FirmwarePackage pkg, final long deadlineNanos) throws InterruptedException {
        for (int offset = 0; offset < pkg.size(); offset += UPLOAD_PIECE) {
            final byte[] piece = pkg.range(offset, UPLOAD_PIECE);
            final boolean last = offset + piece.length == pkg.size();
            final JsonNode answer = await(
                    service.call(
                            Long.toString(ids.getAndIncrement()),
                            FirmwareMessages.upload(title, version, piece, offset, last, pkg.sha256Hex(), pkg.size())),
                    deadlineNanos,
                    "package.upload");
            final Optional<String> failure = FirmwareMessages.serviceFailure(answer);
            if (failure.isPresent()) {
                throw new IllegalStateException("package.upload at offset " + offset + " failed: " + failure.get());
            }
            if (last
                    && !pkg.sha256Hex()
                            .equals(answer.path("result").path("checksum").asText())) {
                throw new IllegalStateException("package.upload stored another checksum: " + answer.path("result"));
            }
        }
    }

    /** Assigns the package to every device; the devices whose assignment failed, by reason. */
    public Map<Device, String> assign(final List<Device> devices, final long deadlineNanos)
            throws InterruptedException {
        final List<ServiceClient.Answer<Device>> answers = service.callAll(
                devices,
                ASSIGN_WINDOW,
                deadlineNanos,
                device -> Long.toString(ids.getAndIncrement()),
                device -> FirmwareMessages.assign(device.name(), title, version),
                "assign");
        final Map<Device, String> failed = new LinkedHashMap<>();
        for (final ServiceClient.Answer<Device> answer : answers) {
            final Optional<String> failure = answer.error() != null
                    ? Optional.of(answer.error().getClass().getSimpleName())
                    : FirmwareMessages.serviceFailure(answer.answer()).map(reason -> reason.split(":", 2)[0]);
            failure.ifPresent(reason -> failed.put(answer.item(), reason));
        }
        return failed;
    }

    private static JsonNode await(final CompletableFuture<JsonNode> answer, final long deadline, final String what)
            throws InterruptedException {
        try {
            return answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (final ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
        } catch (final TimeoutException e) {
            throw new IllegalStateException(what + " was not answered within the time limit", e);
        }
    }
}

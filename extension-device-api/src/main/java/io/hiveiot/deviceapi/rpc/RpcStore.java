package io.hiveiot.deviceapi.rpc;

import io.hiveiot.deviceapi.storage.Arguments;
import io.hiveiot.kit.database.Database;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Server-side RPC in device-data.db: the per-device request ids and persistent requests.
 * <p>
 * Request ids count from 0 per device and continue across restarts; one sequence serves one-way, two-way and
 * persistent requests, so an id is never handed out twice. Ids come from blocks reserved in the database
 * ({@link RequestIds}): after a restart they continue after the last block, and a plain call writes nothing.
 * Writes are group-committed with the other writes of the database; reads run on the read pool. Bad arguments
 * throw at once. Thread-safe.
 */
public final class RpcStore {

    private final Database database;
    private final Clock clock;
    private final RequestIds ids;

    public RpcStore(final Database database, final Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = new RequestIds(database);
    }

    /** Hands out the device's next request id, for a request that is not kept. */
    public CompletableFuture<Integer> nextRequestId(final String deviceId) {
        Arguments.deviceId(deviceId);
        return ids.next(deviceId);
    }

    /**
     * Stores a persistent request as QUEUED, with the next request id of the device.
     *
     * @param params       JSON text (the caller has validated it)
     * @param expirationTs epoch millis after which it is no longer sent
     */
    public CompletableFuture<PersistentRpc> savePersistent(
            final String deviceId,
            final String method,
            final String params,
            final boolean oneway,
            final long expirationTs) {
        Arguments.deviceId(deviceId);
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(params, "params");
        if (method.isEmpty()) {
            throw new IllegalArgumentException("method must not be empty");
        }
        final long now = clock.millis();
        return ids.next(deviceId)
                .thenCompose(requestId -> database.write(
                        dsl -> RpcRows.insert(dsl, deviceId, requestId, method, params, oneway, now, expirationTs)));
    }

    /** The device's QUEUED requests that have not expired, oldest (lowest id) first: what to send on connect. */
    public CompletableFuture<List<PersistentRpc>> queued(final String deviceId) {
        Arguments.deviceId(deviceId);
        final long now = clock.millis();
        return database.read(dsl -> RpcRows.queued(dsl, deviceId, now).fetch().map(RpcRows::toRpc));
    }

    /** The devices that have QUEUED requests, expired or not (expired ones are swept to EXPIRED soon). */
    public CompletableFuture<List<String>> devicesWithQueued() {
        return database.read(RpcRows::devicesWithQueued);
    }

    /**
     * Moves a request to a new status if its current one allows it (see {@link RpcStatus}).
     *
     * @return the request as updated, or empty when there is no such request or its status may not move there
     *         (a late response to an expired request, for example)
     */
    public CompletableFuture<Optional<PersistentRpc>> updateStatus(
            final String deviceId, final int requestId, final RpcUpdate update) {
        Arguments.deviceId(deviceId);
        requireRequestId(requestId);
        Objects.requireNonNull(update, "update");
        return database.write(dsl -> RpcRows.update(dsl, deviceId, requestId, update));
    }

    public CompletableFuture<Optional<PersistentRpc>> get(final String deviceId, final int requestId) {
        Arguments.deviceId(deviceId);
        requireRequestId(requestId);
        return database.read(dsl -> RpcRows.get(dsl, deviceId, requestId));
    }

    /**
     * Marks every QUEUED or SENT request whose expiration is at or before {@code now} as EXPIRED, and every two-way
     * DELIVERED one as TIMEOUT (its response never came).
     *
     * @return the requests it changed, by expiration time
     */
    public CompletableFuture<List<PersistentRpc>> expire(final long now) {
        return database.write(dsl -> RpcRows.expire(dsl, now));
    }

    /** The earliest time {@link #expire} could change a request, or empty when no request is waiting. */
    public CompletableFuture<Optional<Long>> nextExpiration() {
        return database.read(RpcRows::nextExpiration);
    }

    private static void requireRequestId(final int requestId) {
        if (requestId < 0) {
            throw new IllegalArgumentException("request ids are never negative, not " + requestId);
        }
    }
}

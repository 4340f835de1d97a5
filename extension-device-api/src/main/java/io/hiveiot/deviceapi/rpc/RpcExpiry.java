package io.hiveiot.deviceapi.rpc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The sweep that gives up persistent requests whose expiration has come. It runs on the timer every second but
 * touches the database only once the earliest waiting request can expire: a write every second would take a
 * place in the writer's queue that devices' data needs when the writer is slow.
 */
final class RpcExpiry {

    private static final Logger log = LoggerFactory.getLogger(RpcExpiry.class);

    private final RpcStore store;
    private final Clock clock;
    private final Consumer<List<PersistentRpc>> expired;
    /** When the sweep next has work; 0 = look now (as after a start, when the database may hold anything). */
    private final AtomicLong nextExpiry = new AtomicLong();

    private final AtomicBoolean sweeping = new AtomicBoolean();

    RpcExpiry(final RpcStore store, final Clock clock, final Consumer<List<PersistentRpc>> expired) {
        this.store = store;
        this.clock = clock;
        this.expired = expired;
    }

    /** A persistent request was stored: the sweep has work by its expiration at the latest. */
    void stored(final PersistentRpc rpc) {
        nextExpiry.accumulateAndGet(rpc.expirationTs(), Math::min);
    }

    void sweep() {
        final long now = clock.millis();
        if (now < nextExpiry.get() || !sweeping.compareAndSet(false, true)) {
            return;
        }
        nextExpiry.set(Long.MAX_VALUE);
        store.expire(now)
                .thenAccept(expired)
                .thenCompose(done -> store.nextExpiration())
                .whenComplete((next, failure) -> {
                    if (failure != null) {
                        log.warn("hive-iot-device-api: RPC expiry failed: {}", failure.toString());
                        nextExpiry.set(0);
                    } else {
                        next.ifPresent(earliest -> nextExpiry.accumulateAndGet(earliest, Math::min));
                    }
                    sweeping.set(false);
                });
    }
}

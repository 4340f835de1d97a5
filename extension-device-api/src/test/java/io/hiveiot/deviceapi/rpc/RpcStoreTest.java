package io.hiveiot.deviceapi.rpc;

import io.hiveiot.deviceapi.storage.MutableClock;
import io.hiveiot.deviceapi.storage.TestDatabase;
import io.hiveiot.kit.database.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static io.hiveiot.deviceapi.rpc.RpcStatus.DELIVERED;
import static io.hiveiot.deviceapi.rpc.RpcStatus.EXPIRED;
import static io.hiveiot.deviceapi.rpc.RpcStatus.FAILED;
import static io.hiveiot.deviceapi.rpc.RpcStatus.QUEUED;
import static io.hiveiot.deviceapi.rpc.RpcStatus.SENT;
import static io.hiveiot.deviceapi.rpc.RpcStatus.SUCCESSFUL;
import static io.hiveiot.deviceapi.rpc.RpcStatus.TIMEOUT;
import static io.hiveiot.deviceapi.schema.Tables.RPC;
import static io.hiveiot.deviceapi.storage.TestDatabase.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RpcStoreTest {

    private static final String DEVICE = "a11ce000-device";
    private static final String OTHER_DEVICE = "b0b00000-device";

    @TempDir
    Path folder;

    private final MutableClock clock = new MutableClock(10_000);
    private Database database;
    private RpcStore store;

    @BeforeEach
    void open() {
        database = TestDatabase.open(folder);
        store = new RpcStore(database, clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private PersistentRpc save(final String method, final long expirationTs) {
        return await(store.savePersistent(DEVICE, method, "{\"pin\":\"26\",\"value\":1}", false, expirationTs));
    }

    private Optional<PersistentRpc> update(final int requestId, final RpcUpdate update) {
        return await(store.updateStatus(DEVICE, requestId, update));
    }

    @Test
    void nextRequestId_perDevice_startsAtZeroAndCountsOn() {
        assertEquals(0, await(store.nextRequestId(DEVICE)));
        assertEquals(1, await(store.nextRequestId(DEVICE)));
        assertEquals(0, await(store.nextRequestId(OTHER_DEVICE)));
        assertEquals(2, await(store.nextRequestId(DEVICE)));
    }

    @Test
    void nextRequestId_afterClosingAndReopening_continuesAfterTheReservedBlock() {
        await(store.nextRequestId(DEVICE));
        await(store.nextRequestId(DEVICE));
        save("persisted", 60_000);
        database.close();

        database = TestDatabase.open(folder);
        store = new RpcStore(database, clock);

        assertEquals(RequestIds.BLOCK, await(store.nextRequestId(DEVICE)));
        assertEquals(Optional.of(2), await(store.get(DEVICE, 2)).map(PersistentRpc::requestId));
    }

    @Test
    void nextRequestId_writesOncePerBlock_andCountsOnAcrossBlocks() {
        for (int i = 0; i < RequestIds.BLOCK * 2 + 1; i++) {
            assertEquals(i, await(store.nextRequestId(DEVICE)));
        }
        assertEquals(
                List.of(RequestIds.BLOCK * 3),
                await(database.read(dsl -> dsl.fetch("SELECT next_id FROM rpc_sequence WHERE device_id = ?", DEVICE)
                        .getValues(0, Integer.class))));
    }

    @Test
    void reservedBlocks_nearTheLargestId_startAgainAtZero() {
        assertEquals(Integer.MAX_VALUE, RpcRows.blockEnd(Integer.MAX_VALUE - 10, RequestIds.BLOCK));
        await(database.write(dsl -> dsl.execute(
                "INSERT INTO rpc_sequence (device_id, next_id) VALUES (?, ?)", DEVICE, Integer.MAX_VALUE - 2)));
        assertEquals(Integer.MAX_VALUE - 2, await(store.nextRequestId(DEVICE)));
        assertEquals(Integer.MAX_VALUE - 1, await(store.nextRequestId(DEVICE)));
        assertEquals(0, await(store.nextRequestId(DEVICE)));
    }

    @Test
    void nextRequestId_requestedWithoutWaiting_isConsecutiveInSubmissionOrder() {
        final var futures = new ArrayList<CompletableFuture<Integer>>();
        for (int i = 0; i < 350; i++) {
            futures.add(store.nextRequestId(DEVICE));
        }
        final var ids = futures.stream().map(TestDatabase::await).toList();
        assertEquals(IntStream.range(0, 350).boxed().toList(), ids);
    }

    @Test
    void savePersistent_takesTheNextIdOfTheSameSequence_andIsReadBack() {
        assertEquals(0, await(store.nextRequestId(DEVICE)));

        final PersistentRpc saved = await(store.savePersistent(DEVICE, "setGpio", "{\"pin\":\"26\"}", true, 70_000));

        final var expected = new PersistentRpc(
                DEVICE,
                1,
                "setGpio",
                "{\"pin\":\"26\"}",
                true,
                QUEUED,
                10_000,
                70_000,
                Optional.empty(),
                Optional.empty());
        assertEquals(expected, saved);
        assertEquals(Optional.of(expected), await(store.get(DEVICE, 1)));
        assertEquals(2, await(store.nextRequestId(DEVICE)));
        assertEquals(Optional.empty(), await(store.get(OTHER_DEVICE, 1)));
    }

    @Test
    void queued_returnsOnlyQueuedUnexpiredOnesOldestFirst() {
        save("first", 60_000);
        save("sent", 60_000);
        save("third", 60_000);
        save("late", 15_000);
        await(store.savePersistent(OTHER_DEVICE, "elsewhere", "{}", false, 60_000));
        update(1, RpcUpdate.to(SENT));
        clock.set(20_000);

        assertEquals(
                List.of("first", "third"),
                await(store.queued(DEVICE)).stream().map(PersistentRpc::method).toList());
        assertEquals(
                List.of(0, 2),
                await(store.queued(DEVICE)).stream()
                        .map(PersistentRpc::requestId)
                        .toList());
    }

    @Test
    void updateStatus_alongATwoWayLifecycle_recordsEachStepAndTheResponse() {
        save("getTime", 60_000);

        assertEquals(Optional.of(SENT), update(0, RpcUpdate.to(SENT)).map(PersistentRpc::status));
        assertEquals(Optional.of(DELIVERED), update(0, RpcUpdate.to(DELIVERED)).map(PersistentRpc::status));
        final Optional<PersistentRpc> done = update(0, RpcUpdate.successful("{\"time\":1700000000}"));

        assertEquals(Optional.of(SUCCESSFUL), done.map(PersistentRpc::status));
        assertEquals(Optional.of("{\"time\":1700000000}"), done.flatMap(PersistentRpc::response));
        assertEquals(done, await(store.get(DEVICE, 0)));
    }

    @Test
    void updateStatus_sentButNotAcknowledged_canBeQueuedAgain() {
        save("reboot", 60_000);
        update(0, RpcUpdate.to(SENT));

        assertEquals(Optional.of(QUEUED), update(0, RpcUpdate.to(QUEUED)).map(PersistentRpc::status));
        assertEquals(
                List.of(0),
                await(store.queued(DEVICE)).stream()
                        .map(PersistentRpc::requestId)
                        .toList());
    }

    @Test
    void updateStatus_fromAFinalStatus_changesNothing() {
        save("getTime", 60_000);
        update(0, RpcUpdate.to(SENT));
        assertEquals(
                Optional.of("no PUBACK"),
                update(0, new RpcUpdate(TIMEOUT, Optional.empty(), Optional.of("no PUBACK")))
                        .flatMap(PersistentRpc::error));

        assertEquals(Optional.empty(), update(0, RpcUpdate.successful("{\"late\":true}")));
        assertEquals(Optional.empty(), update(0, RpcUpdate.failed("too late")));
        final PersistentRpc stored = await(store.get(DEVICE, 0)).orElseThrow();
        assertEquals(TIMEOUT, stored.status());
        assertEquals(Optional.empty(), stored.response());
    }

    @Test
    void updateStatus_skippingSent_isRefused() {
        save("getTime", 60_000);

        assertEquals(Optional.empty(), update(0, RpcUpdate.to(DELIVERED)));
        assertEquals(Optional.empty(), update(0, RpcUpdate.successful("{}")));
        assertEquals(
                Optional.of(FAILED),
                update(0, RpcUpdate.failed("device deleted")).map(PersistentRpc::status));
    }

    @Test
    void updateStatus_ofAnUnknownRequest_returnsEmpty() {
        assertEquals(Optional.empty(), update(42, RpcUpdate.to(SENT)));
    }

    @Test
    void expire_marksQueuedAndSentOnesPastExpiration_andUnansweredDeliveredOnesTimedOut() {
        save("queued-old", 15_000);
        save("sent-old", 12_000);
        save("delivered-old", 15_000);
        save("queued-fresh", 50_000);
        update(1, RpcUpdate.to(SENT));
        update(2, RpcUpdate.to(SENT));
        update(2, RpcUpdate.to(DELIVERED));

        final List<PersistentRpc> expired = await(store.expire(15_000));

        assertEquals(
                List.of("sent-old:EXPIRED", "queued-old:EXPIRED", "delivered-old:TIMEOUT"),
                expired.stream().map(rpc -> rpc.method() + ":" + rpc.status()).toList());
        assertEquals(EXPIRED, await(store.get(DEVICE, 0)).orElseThrow().status());
        assertEquals(TIMEOUT, await(store.get(DEVICE, 2)).orElseThrow().status());
        assertEquals(QUEUED, await(store.get(DEVICE, 3)).orElseThrow().status());
        assertEquals(List.of(), await(store.expire(15_000)));
    }

    @Test
    void nextExpiration_isTheEarliestOfTheRequestsStillWaiting() {
        assertEquals(Optional.empty(), await(store.nextExpiration()));
        save("late", 50_000);
        save("soon", 20_000);
        assertEquals(Optional.of(20_000L), await(store.nextExpiration()));
        update(1, RpcUpdate.failed("gave up"));
        assertEquals(Optional.of(50_000L), await(store.nextExpiration()));
    }

    @Test
    void waitingQueries_useThePartialIndexes() {
        final List<String> queuedPlan =
                await(database.read(dsl -> TestDatabase.queryPlan(dsl, RpcRows.queued(dsl, DEVICE, 0))));
        final List<String> expiryPlan = await(database.read(
                dsl -> TestDatabase.queryPlan(dsl, dsl.selectFrom(RPC).where(RpcRows.pendingExpiredBy(0)))));

        assertTrue(queuedPlan.stream().anyMatch(step -> step.contains("rpc_queued")), queuedPlan.toString());
        assertTrue(expiryPlan.stream().anyMatch(step -> step.contains("rpc_pending_expiry")), expiryPlan.toString());
        final List<String> unansweredPlan = await(database.read(
                dsl -> TestDatabase.queryPlan(dsl, dsl.selectFrom(RPC).where(RpcRows.unansweredBy(0)))));
        assertTrue(
                unansweredPlan.stream().anyMatch(step -> step.contains("rpc_delivered_expiry")),
                unansweredPlan.toString());
    }

    @Test
    void statusTable_finalStatusesNeverMove() {
        for (final RpcStatus from : RpcStatus.values()) {
            for (final RpcStatus to : RpcStatus.values()) {
                if (from.isFinal()) {
                    assertFalse(from.canBecome(to), from + " -> " + to);
                }
            }
            assertFalse(from.canBecome(from), from + " -> itself");
        }
        assertTrue(QUEUED.canBecome(SENT));
        assertFalse(QUEUED.canBecome(SUCCESSFUL));
    }

    @Test
    void arguments_invalid_areRefusedAtOnce() {
        assertThrows(NullPointerException.class, () -> store.nextRequestId(null));
        assertThrows(IllegalArgumentException.class, () -> store.savePersistent(DEVICE, "", "{}", false, 1));
        assertThrows(NullPointerException.class, () -> store.savePersistent(DEVICE, "m", null, false, 1));
        assertThrows(IllegalArgumentException.class, () -> store.get(DEVICE, -1));
        assertThrows(NullPointerException.class, () -> store.updateStatus(DEVICE, 0, null));
        assertThrows(IllegalArgumentException.class, () -> new RpcUpdate(SENT, Optional.of("{}"), Optional.empty()));
        assertThrows(
                IllegalArgumentException.class,
                () -> new RpcUpdate(SUCCESSFUL, Optional.empty(), Optional.of("error")));
    }
}

package io.hiveiot.deviceapi.rpc;

import io.hiveiot.kit.database.Database;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Per-device request ids, 0, 1, 2, ..., handed out from blocks reserved in {@code rpc_sequence}: one write per
 * {@value #BLOCK} requests instead of one per request (a plain RPC stores nothing else). A block is committed
 * before any of its ids is handed out, so no id is ever given twice; after a restart the ids continue after the
 * last reserved block (skipping what was left of it). Callers of one device get their ids in the order they
 * asked. Thread-safe.
 */
final class RequestIds {

    static final int BLOCK = 100;

    private final Database database;
    private final ConcurrentMap<String, Block> blocks = new ConcurrentHashMap<>();

    private static final class Block {
        private int next;
        private int end;
        private final Queue<CompletableFuture<Integer>> waiting = new ArrayDeque<>();
        private boolean reserving;
    }

    RequestIds(final Database database) {
        this.database = database;
    }

    CompletableFuture<Integer> next(final String deviceId) {
        final Block block = blocks.computeIfAbsent(deviceId, id -> new Block());
        final var id = new CompletableFuture<Integer>();
        final boolean reserve;
        synchronized (block) {
            if (block.waiting.isEmpty() && block.next < block.end) {
                return CompletableFuture.completedFuture(block.next++);
            }
            block.waiting.add(id);
            reserve = !block.reserving;
            block.reserving = true;
        }
        if (reserve) {
            reserve(deviceId, block);
        }
        return id;
    }

    private void reserve(final String deviceId, final Block block) {
        final CompletableFuture<Integer> reserved;
        try {
            reserved = database.write(dsl -> RpcRows.reserveIds(dsl, deviceId, BLOCK));
        } catch (final RuntimeException e) {
            failWaiting(block, e);
            return;
        }
        reserved.whenComplete((start, failure) -> {
            if (failure != null) {
                failWaiting(block, failure);
                return;
            }
            final var served = new ArrayDeque<CompletableFuture<Integer>>();
            final var ids = new ArrayDeque<Integer>();
            boolean again;
            synchronized (block) {
                block.next = start;
                block.end = RpcRows.blockEnd(start, BLOCK);
                while (!block.waiting.isEmpty() && block.next < block.end) {
                    served.add(block.waiting.poll());
                    ids.add(block.next++);
                }
                again = !block.waiting.isEmpty();
                block.reserving = again;
            }
            // Completed outside the lock: what callers chain onto the ids must not run under it.
            while (!served.isEmpty()) {
                served.poll().complete(ids.poll());
            }
            if (again) {
                reserve(deviceId, block);
            }
        });
    }

    private static void failWaiting(final Block block, final Throwable failure) {
        final var failed = new ArrayDeque<CompletableFuture<Integer>>();
        synchronized (block) {
            failed.addAll(block.waiting);
            block.waiting.clear();
            block.reserving = false;
        }
        failed.forEach(waiter -> waiter.completeExceptionally(failure));
    }
}

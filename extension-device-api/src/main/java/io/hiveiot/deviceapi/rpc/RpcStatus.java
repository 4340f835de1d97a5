package io.hiveiot.deviceapi.rpc;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a persistent server-side RPC stands: ThingsBoard's {@code RpcStatus} without DELETED (a deleted request is
 * gone). Stored by name.
 * <pre>
 * QUEUED ──► SENT ──► DELIVERED ──► SUCCESSFUL | TIMEOUT | FAILED
 *   │          │ ╲───► SUCCESSFUL | TIMEOUT | EXPIRED | FAILED
 *   │          ╰────► QUEUED  (the device went away before acknowledging it: send again later)
 *   ╰──► EXPIRED | FAILED
 * </pre>
 * The last four are final: a late response to an expired request changes nothing, as ThingsBoard drops stale
 * responses.
 */
enum RpcStatus {
    QUEUED,
    SENT,
    DELIVERED,
    SUCCESSFUL,
    TIMEOUT,
    EXPIRED,
    FAILED;

    public boolean isFinal() {
        return this == SUCCESSFUL || this == TIMEOUT || this == EXPIRED || this == FAILED;
    }

    /** Whether a request in this status may move to {@code next}. */
    public boolean canBecome(final RpcStatus next) {
        return switch (this) {
            case QUEUED -> next == SENT || next == EXPIRED || next == FAILED;
            case SENT -> next != SENT;
            case DELIVERED -> next == SUCCESSFUL || next == TIMEOUT || next == FAILED;
            case SUCCESSFUL, TIMEOUT, EXPIRED, FAILED -> false;
        };
    }

    /** The statuses that may move to this one. */
    Set<RpcStatus> predecessors() {
        final Set<RpcStatus> predecessors = EnumSet.noneOf(RpcStatus.class);
        for (final RpcStatus status : values()) {
            if (status.canBecome(this)) {
                predecessors.add(status);
            }
        }
        return predecessors;
    }
}

package io.hiveiot.deviceapi.rpc;

import java.util.Objects;
import java.util.Optional;

/**
 * A status change of a persistent RPC, with the device's response (only when SUCCESSFUL) or an error text (only
 * when FAILED, TIMEOUT or EXPIRED).
 */
record RpcUpdate(RpcStatus status, Optional<String> response, Optional<String> error) {

    public RpcUpdate {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(error, "error");
        if (response.isPresent() && status != RpcStatus.SUCCESSFUL) {
            throw new IllegalArgumentException("only a SUCCESSFUL request has a response, not a " + status + " one");
        }
        if (error.isPresent() && (!status.isFinal() || status == RpcStatus.SUCCESSFUL)) {
            throw new IllegalArgumentException(
                    "only a FAILED, TIMEOUT or EXPIRED request has an error, not a " + status + " one");
        }
    }

    /** A change of status alone. */
    public static RpcUpdate to(final RpcStatus status) {
        return new RpcUpdate(status, Optional.empty(), Optional.empty());
    }

    /** The device answered; {@code response} is its payload as text (any payload, as in ThingsBoard). */
    public static RpcUpdate successful(final String response) {
        return new RpcUpdate(RpcStatus.SUCCESSFUL, Optional.of(response), Optional.empty());
    }

    /** The request failed for the reason given. */
    public static RpcUpdate failed(final String error) {
        return new RpcUpdate(RpcStatus.FAILED, Optional.empty(), Optional.of(error));
    }
}

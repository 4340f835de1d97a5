package io.hiveiot.deviceapi.rpc;

import java.util.Objects;
import java.util.Optional;

/**
 * A stored server-side RPC request.
 *
 * @param requestId    the id in the device's topic ({@code v1/devices/me/rpc/request/{id}})
 * @param params       JSON text, sent to the device as {@code "params"}
 * @param oneway       no response expected
 * @param createdTs    when it was stored (epoch millis)
 * @param expirationTs when it expires unless delivered (epoch millis)
 * @param response     the device's response, once SUCCESSFUL
 * @param error        why it failed, for FAILED, TIMEOUT or EXPIRED when a reason was recorded
 */
public record PersistentRpc(
        String deviceId,
        int requestId,
        String method,
        String params,
        boolean oneway,
        RpcStatus status,
        long createdTs,
        long expirationTs,
        Optional<String> response,
        Optional<String> error) {

    public PersistentRpc {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(error, "error");
    }
}

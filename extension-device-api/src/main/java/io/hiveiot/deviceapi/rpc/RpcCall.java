package io.hiveiot.deviceapi.rpc;

import java.util.Objects;

/**
 * A server-side RPC an application asked for.
 *
 * @param params       JSON text, sent as the request's {@code "params"}
 * @param timeoutMs    how long a two-way call waits for the device's response once the request is sent
 * @param expirationTs persistent calls only: epoch millis after which a request not yet answered is given up
 */
public record RpcCall(
        String method, String params, long timeoutMs, boolean oneway, boolean persistent, long expirationTs) {

    public RpcCall {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(params, "params");
        if (method.isEmpty()) {
            throw new IllegalArgumentException("method must not be empty");
        }
        if (timeoutMs < 1) {
            throw new IllegalArgumentException("timeoutMs must be positive, not " + timeoutMs);
        }
    }
}

/**
 * Server-side RPC storage: {@link io.hiveiot.deviceapi.rpc.RpcStore} hands out per-device request ids that
 * continue across restarts and keeps persistent requests through their {@link io.hiveiot.deviceapi.rpc.RpcStatus}
 * lifecycle until they succeed, fail or expire.
 */
package io.hiveiot.deviceapi.rpc;

package io.hiveiot.deviceapi.rpc;

import java.time.Duration;
import java.util.Objects;

/**
 * RPC configuration.
 *
 * @param defaultTimeout      how long a server-side two-way call waits for the device when the call names no
 *                            {@code timeoutMs} (ThingsBoard: 10 s)
 * @param persistentExpiry    how long a persistent call stays deliverable when it names no {@code expirationTime}
 * @param clientSideTimeout   how long a device's own request waits for an application's answer before the device
 *                            gets {@code {"error":"timeout"}} (ThingsBoard: 60 s)
 * @param maxPayloadSize      {@code getSessionLimits}' {@code maxPayloadSize}
 * @param maxInflightMessages {@code getSessionLimits}' {@code maxInflightMessages}
 */
public record RpcSettings(
        Duration defaultTimeout,
        Duration persistentExpiry,
        Duration clientSideTimeout,
        int maxPayloadSize,
        int maxInflightMessages) {

    public static final RpcSettings DEFAULTS =
            new RpcSettings(Duration.ofSeconds(10), Duration.ofDays(1), Duration.ofSeconds(60), 65_536, 100);

    public RpcSettings {
        Objects.requireNonNull(defaultTimeout, "defaultTimeout");
        Objects.requireNonNull(persistentExpiry, "persistentExpiry");
        Objects.requireNonNull(clientSideTimeout, "clientSideTimeout");
    }
}

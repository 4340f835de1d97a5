package io.hiveiot.auth.connect;

import io.hiveiot.auth.credential.SessionPolicy;
import io.hiveiot.auth.credential.TokenDevice;
import io.hiveiot.kit.secret.Sha256;

/**
 * The client ID the broker runs a token device under.
 * <p>
 * ThingsBoard ignores client IDs and whole fleets send the same one (the Arduino SDK's
 * {@code TbDev}), while HiveMQ takes sessions over by client ID. Deriving the broker-side ID from the
 * device gives each device its own session, and a reconnecting device takes over its own previous
 * one. The prefix is reserved: no client may send it, so nobody can take a device's session over by
 * guessing its ID.
 */
final class DerivedClientId {

    public static final String RESERVED_PREFIX = "hive-iot:";

    private DerivedClientId() {}

    /**
     * One session per device, or, for a token whose policy is one session per client ID, one per device and sent
     * client ID (hashed, so any client ID the device sends yields a well-formed ID).
     */
    public static String of(final TokenDevice device, final String sentClientId) {
        final String base = RESERVED_PREFIX + "device:" + device.deviceId();
        return device.sessions() == SessionPolicy.PER_DEVICE
                ? base
                : base + ":" + Sha256.hex(sentClientId).substring(0, 16);
    }

    public static boolean isReserved(final String clientId) {
        return clientId.startsWith(RESERVED_PREFIX);
    }
}

package io.hiveiot.auth.credential;

/**
 * What a device is beyond its identity, read with its credential at CONNECT: whether it is a gateway and which
 * profile it has. Both apply from the device's next connection, as in ThingsBoard.
 *
 * @param profileId the device's profile, or {@code null} for ThingsBoard's default profile
 */
public record DeviceTraits(boolean gateway, String profileId) {

    /** A device without a profile of its own that is no gateway; also what an application gets. */
    public static final DeviceTraits PLAIN = new DeviceTraits(false, null);
}

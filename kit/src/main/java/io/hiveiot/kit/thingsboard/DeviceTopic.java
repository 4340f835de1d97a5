package io.hiveiot.kit.thingsboard;

/**
 * The topics of ThingsBoard's MQTT device API that hive-iot serves, as devices use them. Devices never change their
 * firmware for us, so these are ThingsBoard's names exactly.
 */
public final class DeviceTopic {

    /** Everything a device says to the platform about itself; a DEVICE never publishes here as plain MQTT. */
    public static final String NAMESPACE = "v1/devices/me/";

    public static final String TELEMETRY = NAMESPACE + "telemetry";
    /** Client attributes from the device, and shared-attribute pushes to it. */
    public static final String ATTRIBUTES = NAMESPACE + "attributes";

    public static final String ATTRIBUTE_REQUEST_PREFIX = NAMESPACE + "attributes/request/";
    public static final String ATTRIBUTE_RESPONSE_PREFIX = NAMESPACE + "attributes/response/";
    public static final String RPC_REQUEST_PREFIX = NAMESPACE + "rpc/request/";
    public static final String RPC_RESPONSE_PREFIX = NAMESPACE + "rpc/response/";
    /** Served by hive-iot-auth, which owns claiming; every other device-API topic is hive-iot-device-api's. */
    public static final String CLAIM = NAMESPACE + "claim";

    /** Firmware ({@code fw}) and software ({@code sw}) chunk requests and their answers. */
    public static final String FIRMWARE_PREFIX = "v2/fw/";

    public static final String SOFTWARE_PREFIX = "v2/sw/";
    /** Where a device learns that its chunk request failed. */
    public static final String FIRMWARE_ERROR = FIRMWARE_PREFIX + "error";

    private DeviceTopic() {}

    /** Whether {@code topic} is a firmware or software chunk topic. */
    public static boolean isOta(final String topic) {
        return topic.startsWith(FIRMWARE_PREFIX) || topic.startsWith(SOFTWARE_PREFIX);
    }
}

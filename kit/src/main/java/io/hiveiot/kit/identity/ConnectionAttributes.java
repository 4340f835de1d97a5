package io.hiveiot.kit.identity;

/**
 * The connection attributes through which extensions tell each other facts about a connection (HiveMQ keeps them per
 * connection, in memory, readable by every extension's interceptors). The extension that owns a fact writes it in
 * an interceptor that runs earlier; the others only read it.
 */
public final class ConnectionAttributes {

    /** The client's role ({@link Role}), written by hive-iot-auth at CONNECT. */
    public static final String ROLE = "hive-iot.role";
    /** The client's account, written by hive-iot-auth at CONNECT. */
    public static final String ACCOUNT = "hive-iot.account";
    /** A device's id, written by hive-iot-auth at CONNECT. */
    public static final String DEVICE_ID = "hive-iot.device-id";
    /** A device's name within its account, written by hive-iot-auth at CONNECT. */
    public static final String DEVICE_NAME = "hive-iot.device-name";
    /** The client ID the client sent, which the broker may run its session under another one. */
    public static final String CLIENT_ID = "hive-iot.client-id";
    /**
     * {@code "true"} for a gateway device (ThingsBoard's gateway flag), written by hive-iot-auth at CONNECT; the
     * device's profile is {@link io.hiveiot.kit.thingsboard.DeviceProfile}'s attributes.
     */
    public static final String GATEWAY = "hive-iot.gateway";
    /**
     * The topic space of the client's account, {@code root} or {@code account} (the kit's {@code TopicSpace}),
     * written by hive-iot-auth at CONNECT.
     */
    public static final String TOPIC_SPACE = "hive-iot.topic-space";
    /**
     * A device's firmware and software keys ({@code fw_*}, {@code sw_*}) as a JSON object, written by
     * hive-iot-firmware, which owns assignments; hive-iot-device-api merges them into the {@code shared} section of
     * its attribute responses.
     */
    public static final String FIRMWARE_KEYS = "hive-iot.fw";

    private ConnectionAttributes() {}
}

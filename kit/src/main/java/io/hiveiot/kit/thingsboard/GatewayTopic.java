package io.hiveiot.kit.thingsboard;

/**
 * ThingsBoard's gateway API: one MQTT connection of a gateway device speaking for the devices behind it, each
 * named in the payload. hive-iot-auth resolves (and creates) the named sub-devices and serves the claim topic;
 * hive-iot-device-api serves the others.
 */
public final class GatewayTopic {

    public static final String NAMESPACE = "v1/gateway/";
    /** {@code {"device":"A","type":"profile"}}: the sub-device is connected through the gateway (created if new). */
    public static final String CONNECT = NAMESPACE + "connect";
    /** {@code {"device":"A"}}: the sub-device is no longer connected. */
    public static final String DISCONNECT = NAMESPACE + "disconnect";
    /** {@code {"A":[{"ts":..,"values":{..}}]}}. */
    public static final String TELEMETRY = NAMESPACE + "telemetry";
    /** Up: {@code {"A":{"k":v}}}; down (shared-attribute pushes): {@code {"device":"A","data":{..}}}. */
    public static final String ATTRIBUTES = NAMESPACE + "attributes";
    /** {@code {"id":1,"device":"A","client":true,"key":"k"}} or {@code "keys":[..]}. */
    public static final String ATTRIBUTES_REQUEST = NAMESPACE + "attributes/request";
    /** {@code {"id":1,"device":"A","value":v}} or {@code "values":{..}}. */
    public static final String ATTRIBUTES_RESPONSE = NAMESPACE + "attributes/response";
    /**
     * Down: {@code {"device":"A","data":{"id":0,"method":..,"params":..}}}; up:
     * {@code {"device":"A","id":0,"data":..}}.
     */
    public static final String RPC = NAMESPACE + "rpc";
    /** {@code {"A":{"secretKey":..,"durationMs":..}}}, served by hive-iot-auth, which owns claiming. */
    public static final String CLAIM = NAMESPACE + "claim";

    private GatewayTopic() {}

    public static boolean isGateway(final String topic) {
        return topic.startsWith(NAMESPACE);
    }

    /**
     * Whether a gateway publish on {@code topic} connects the sub-devices it names, as ThingsBoard's gateway
     * session does on every message but a disconnect: data for a sub-device that was not connected connects it.
     */
    public static boolean connects(final String topic) {
        return isGateway(topic) && !topic.equals(DISCONNECT) && !topic.equals(ATTRIBUTES_RESPONSE);
    }
}

package io.hiveiot.deviceapi.session;

/**
 * How a device is reached from the application side (shared-attribute pushes, RPC requests): on its own connection,
 * or through the connection of the gateway that speaks for it.
 */
public sealed interface DeviceRoute {

    /** The connection the message goes to. */
    DeviceSession session();

    default String brokerClientId() {
        return session().brokerClientId();
    }

    /** The device is connected itself. */
    record Direct(DeviceSession session) implements DeviceRoute {}

    /** The device is a sub-device, connected through its gateway's connection, and named {@code name} there. */
    record ViaGateway(DeviceSession session, String name) implements DeviceRoute {}
}

package io.hiveiot.cli.connection;

/** The services of the application API and the extension that serves each. */
public enum Service {
    REGISTRY("registry", "hive-iot-auth", "hive-iot devices list"),
    DEVICES("devices", "hive-iot-device-api", "hive-iot devices list"),
    FIRMWARE("firmware", "hive-iot-firmware", "hive-iot firmware list"),
    TRACKING("tracking", "hive-iot-tracking", "hive-iot tracking devices list");

    private final String topicName;
    private final String extension;
    private final String listCommand;

    Service(final String topicName, final String extension, final String listCommand) {
        this.topicName = topicName;
        this.extension = extension;
        this.listCommand = listCommand;
    }

    /** The {service} level of the request and response topics. */
    public String topicName() {
        return topicName;
    }

    public String extension() {
        return extension;
    }

    /** The command that lists what this service's names refer to, for "not found" hints. */
    public String listCommand() {
        return listCommand;
    }
}

package io.hiveiot.benchmarks.load;

/** The MQTT version a scenario's devices speak. */
public enum Protocol {
    MQTT_3_1_1("3"),
    MQTT_5("5");

    private final String shortName;

    Protocol(final String shortName) {
        this.shortName = shortName;
    }

    /** {@code 3} or {@code 5}, as on the command line and in the JSON lines. */
    public String shortName() {
        return shortName;
    }

    public String displayName() {
        return this == MQTT_5 ? "MQTT 5" : "MQTT 3.1.1";
    }

    public static Protocol parse(final String text) {
        return switch (text) {
            case "3", "3.1.1", "mqtt3" -> MQTT_3_1_1;
            case "5", "mqtt5" -> MQTT_5;
            default -> throw new IllegalArgumentException("MQTT version is 3 (3.1.1) or 5, not '" + text + "'");
        };
    }
}

package io.hiveiot.deviceapi.protobuf;

/**
 * The messages of {@code sensor.proto} as an operator pastes them into a PROTOBUF device profile: one schema per
 * message kind, without the options protoc needs, the message used being the last one.
 */
public final class SensorSchemas {

    public static final String TELEMETRY = """
            syntax = "proto3";
            package sensor;
            message Location { double lat = 1; double lon = 2; }
            message SensorReading {
              double temperature = 1;
              int64 uptime = 2;
              bool alarm = 3;
              string label = 4;
              repeated int32 samples = 5;
              Location location = 6;
            }
            """;

    public static final String ATTRIBUTES = """
            syntax = "proto3";
            package sensor;
            message SensorConfig { string model = 1; uint32 interval = 2; }
            """;

    private SensorSchemas() {}
}

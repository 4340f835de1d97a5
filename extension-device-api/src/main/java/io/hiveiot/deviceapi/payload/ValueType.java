package io.hiveiot.deviceapi.payload;

/** ThingsBoard's five data types; every stored value has exactly one. */
public enum ValueType {
    BOOLEAN,
    LONG,
    DOUBLE,
    STRING,
    JSON
}

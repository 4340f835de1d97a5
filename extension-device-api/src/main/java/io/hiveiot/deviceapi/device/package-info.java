/**
 * The device side of the ThingsBoard MQTT API: one publish interceptor per device connection that consumes every
 * {@code v1/devices/me/...} publish (except hive-iot-auth's claim topic) through a table of handlers keyed by
 * topic, and answers each one explicitly. The entry points are {@link io.hiveiot.deviceapi.device.DeviceInterceptor}
 * and {@link io.hiveiot.deviceapi.device.DeviceTopics}.
 */
package io.hiveiot.deviceapi.device;

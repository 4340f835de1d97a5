/** MQTT rules the extension applies itself: topic filter matching. */
package io.hiveiot.deviceapi.mqtt;

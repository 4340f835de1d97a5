/**
 * The device API's payloads, parsed and typed exactly as ThingsBoard does, with limits against hostile input.
 * Pure logic: no broker, no database, no clock.
 * <p>
 * Front doors: {@link io.hiveiot.deviceapi.payload.TelemetryParser},
 * {@link io.hiveiot.deviceapi.payload.AttributesParser}, {@link io.hiveiot.deviceapi.payload.AttributeRequestParser}
 * and {@link io.hiveiot.deviceapi.payload.RequestIds}. Each reports a payload it will not accept as a
 * {@link io.hiveiot.deviceapi.payload.BadPayloadException} whose reason can be sent to the client. The parsers are
 * immutable and thread-safe.
 */
package io.hiveiot.deviceapi.payload;

/**
 * The binary form of telemetry chunks ({@link io.hiveiot.deviceapi.telemetry.codec.ChunkCodec}): delta-of-delta
 * timestamps, Gorilla XOR or decimal-integer doubles, zigzag varint longs, bit booleans and a per-chunk text
 * dictionary, over {@link io.hiveiot.deviceapi.telemetry.codec.Points} kept in columns.
 */
package io.hiveiot.deviceapi.telemetry.codec;

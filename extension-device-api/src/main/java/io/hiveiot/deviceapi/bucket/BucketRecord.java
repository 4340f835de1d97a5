package io.hiveiot.deviceapi.bucket;

/** One recorded message; {@code id} orders the records and is the export cursor. */
public record BucketRecord(long id, long ts, String topic, byte[] payload) {}

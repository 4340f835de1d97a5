package io.hiveiot.auth.credential;

import java.time.Duration;

/**
 * How many credential lookups are remembered, and for how long.
 *
 * @param unknownExpireAfter how long an unknown credential is remembered as unknown
 */
public record CacheSettings(int maximumSize, Duration expireAfter, Duration unknownExpireAfter) {}

package io.hiveiot.deviceapi.service;

import io.hiveiot.kit.api.ApiException;
import io.hiveiot.kit.api.Args;

import java.time.Clock;

/** {@code from} (inclusive, default 0) and {@code to} (exclusive, default now) of a read, in epoch millis. */
record TimeRange(long from, long to) {

    static TimeRange of(final Args args, final Clock clock) {
        final long from = args.longValue("from", 0, 0, Long.MAX_VALUE);
        final long to = args.longValue("to", clock.millis() + 1, 0, Long.MAX_VALUE);
        if (to <= from) {
            throw ApiException.badRequest("args.to must be later than args.from (from inclusive, to exclusive)");
        }
        return new TimeRange(from, to);
    }
}

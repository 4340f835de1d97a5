package io.hiveiot.deviceapi.telemetry;

/**
 * How a history is aggregated per interval, as ThingsBoard's REST API offers it ({@code agg}). AVG, MIN, MAX and SUM
 * take the LONG and DOUBLE points of an interval (an interval without any has no entry); COUNT counts every point.
 */
public enum Aggregation {
    /** Every point, no aggregation. */
    NONE,
    /** The mean, a DOUBLE. */
    AVG,
    /** The smallest: a LONG when the interval holds longs only, else a DOUBLE. */
    MIN,
    /** The largest, typed as MIN. */
    MAX,
    /** The sum: a LONG when the interval holds longs only, else a DOUBLE. */
    SUM,
    /** The number of points of any type, a LONG. */
    COUNT
}

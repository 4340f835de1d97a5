package io.hiveiot.benchmarks.scenario;

/**
 * One kind of load, run against one broker. Implementations print a short human summary to
 * {@link ScenarioContext#out()} and return their figures; the caller prints the result's JSON line
 * last. A scenario must stop by itself within {@link ScenarioContext#limits()} and leave no client
 * connected.
 * <p>
 * {@code connect}, {@code idle}, {@code telemetry} (publish ThingsBoard JSON; the driver verifies the stored
 * rows), {@code rpc} (an application calls devices that answer), {@code firmware} (devices download a package by
 * chunks) and {@code restart} (devices with persistent sessions come back after a broker restart), registered in
 * {@link Scenarios}.
 */
public interface Scenario {

    /** The name used on the command line and in the JSON lines. */
    String name();

    ScenarioResult run(ScenarioContext context) throws InterruptedException;
}

package io.hiveiot.benchmarks.jmh;

import io.hiveiot.auth.credential.ClientIdRule;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * The client ID check of basic credentials at CONNECT: an exact client ID, and
 * Sensoro's {@code ^${username}(/[-_0-9a-zA-Z]{0,36})?$} with the username quoted into it, which is
 * also the default rule for application client IDs. hive-iot-auth has no topic matcher of its own
 * (HiveMQ matches the default permissions it sets), so this is the permission-side pattern
 * matching that runs in hive-iot code on the connect path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ClientIdRuleBenchmark {

    private final ClientIdRule sensoro = ClientIdRule.matching("^${username}(/[-_0-9a-zA-Z]{0,36})?$");
    private final ClientIdRule exact = ClientIdRule.exactly("thermostat-0042");
    private final String username = "demo";
    private final String appClientId = "demo/backend-7f3a9c";
    private final String foreignClientId = "other/backend-7f3a9c";

    @Benchmark
    public boolean regexMatch() {
        return sensoro.matches(username, appClientId);
    }

    @Benchmark
    public boolean regexMismatch() {
        return sensoro.matches(username, foreignClientId);
    }

    @Benchmark
    public boolean exactMatch() {
        return exact.matches(username, "thermostat-0042");
    }
}

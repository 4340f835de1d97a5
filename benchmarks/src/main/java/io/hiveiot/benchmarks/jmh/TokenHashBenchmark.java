package io.hiveiot.benchmarks.jmh;

import io.hiveiot.kit.secret.Sha256;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * The token lookup key of every access-token CONNECT: {@code Sha256.hex} of the 20-character token,
 * which keys hive-iot-auth's token cache and auth.db's {@code access_token.token_hash}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TokenHashBenchmark {

    /** The length RegistryService generates. */
    private String token;

    @Setup
    public void setUp() {
        token = "A1b2C3d4E5f6G7h8I9j0";
    }

    @Benchmark
    public String sha256Hex() {
        return Sha256.hex(token);
    }
}

package io.hiveiot.cli.connection;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What the CLI reads from outside its command line: environment variables, the distribution's home
 * folder (set by bin/hive-iot) and the clock. Tests pass their own instead of the process's.
 */
public record CliEnvironment(Map<String, String> variables, Optional<Path> home, Clock clock) {

    /** The system property bin/hive-iot sets to the distribution's home folder. */
    public static final String HOME_PROPERTY = "hive-iot.home";

    public CliEnvironment {
        variables = Map.copyOf(variables);
    }

    public static CliEnvironment ofProcess() {
        final String home = System.getProperty(HOME_PROPERTY);
        return new CliEnvironment(
                System.getenv(),
                home == null || home.isBlank() ? Optional.empty() : Optional.of(Path.of(home)),
                Clock.systemUTC());
    }

    public Optional<String> variable(final String name) {
        return Optional.ofNullable(variables.get(name)).filter(value -> !value.isBlank());
    }
}

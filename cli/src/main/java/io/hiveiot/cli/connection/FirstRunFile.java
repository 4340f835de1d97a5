package io.hiveiot.cli.connection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code key=value} file hive-iot-auth writes on first start ({@code account=}, {@code app-id=},
 * {@code app-secret=}, {@code device=}, {@code device-token=}), so that right after the quick start
 * the CLI connects as the demo account without any setting.
 */
public final class FirstRunFile {

    private final Path path;
    private final Map<String, String> values;

    private FirstRunFile(final Path path, final Map<String, String> values) {
        this.path = path;
        this.values = Map.copyOf(values);
    }

    /**
     * The places looked at, in order: the explicit file, HIVEMQ_DATA_FOLDER's, the broker's instance folder
     * (HIVE_IOT_INSTANCE, else the per-user default bin/hive-iot-broker uses), the distribution's own data/.
     */
    public static List<Path> candidates(final Path explicit, final CliEnvironment environment) {
        final List<Path> candidates = new ArrayList<>();
        if (explicit != null) {
            candidates.add(explicit);
            return candidates;
        }
        environment.variable("HIVEMQ_DATA_FOLDER").ifPresent(data -> {
            Path folder = Path.of(data);
            // HiveMQ reads a relative data folder relative to its home, and so do we.
            if (!folder.isAbsolute() && environment.home().isPresent()) {
                folder = environment.home().get().resolve(folder);
            }
            candidates.add(folder.resolve("hive-iot").resolve("first-run.txt"));
        });
        instance(environment).ifPresent(instance -> candidates.add(instance.resolve("data/hive-iot/first-run.txt")));
        environment.home().ifPresent(home -> candidates.add(home.resolve("data/hive-iot/first-run.txt")));
        return candidates;
    }

    /** Where bin/hive-iot-broker keeps the instance: the same rule as the script's. */
    private static Optional<Path> instance(final CliEnvironment environment) {
        return environment
                .variable("HIVE_IOT_INSTANCE")
                .filter(value -> !value.isBlank())
                .map(Path::of)
                .or(() -> environment
                        .variable("XDG_DATA_HOME")
                        .filter(value -> !value.isBlank())
                        .map(data -> Path.of(data, "hive-iot")))
                .or(() -> environment
                        .variable("HOME")
                        .filter(value -> !value.isBlank())
                        .map(home -> Path.of(home, ".local", "share", "hive-iot")));
    }

    /** The first readable candidate, if any. */
    public static Optional<FirstRunFile> find(final List<Path> candidates) {
        for (final Path candidate : candidates) {
            if (Files.isReadable(candidate)) {
                try {
                    return Optional.of(parse(candidate, Files.readAllLines(candidate)));
                } catch (final IOException unreadable) {
                    // treated as absent: the error message lists the paths that were tried
                }
            }
        }
        return Optional.empty();
    }

    static FirstRunFile parse(final Path path, final List<String> lines) {
        final Map<String, String> values = new HashMap<>();
        for (final String line : lines) {
            final int equals = line.indexOf('=');
            if (equals > 0 && !line.startsWith("#")) {
                values.put(
                        line.substring(0, equals).trim(),
                        line.substring(equals + 1).trim());
            }
        }
        return new FirstRunFile(path, values);
    }

    public Path path() {
        return path;
    }

    public Optional<String> value(final String key) {
        return Optional.ofNullable(values.get(key)).filter(value -> !value.isEmpty());
    }
}

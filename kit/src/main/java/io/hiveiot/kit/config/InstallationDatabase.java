package io.hiveiot.kit.config;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The database of a whole installation: every extension whose {@code <database>} names no URL keeps its data there
 * (each in its own schema). Set by the environment ({@code HIVE_IOT_DATABASE_URL}, {@code HIVE_IOT_DATABASE_USER},
 * {@code HIVE_IOT_DATABASE_PASSWORD}) or, winning over it, by the system properties {@code hive-iot.database.url},
 * {@code .user} and {@code .password}; without either, every extension keeps its own SQLite file.
 */
public record InstallationDatabase(Optional<String> jdbcUrl, Optional<String> user, Optional<String> password) {

    public static final InstallationDatabase NONE =
            new InstallationDatabase(Optional.empty(), Optional.empty(), Optional.empty());

    /** The installation's database as this process's environment and system properties say. */
    public static InstallationDatabase fromEnvironment() {
        return read(name -> Optional.ofNullable(System.getProperty("hive-iot.database." + name))
                .or(() -> Optional.ofNullable(System.getenv("HIVE_IOT_DATABASE_" + name.toUpperCase(Locale.ROOT)))));
    }

    static InstallationDatabase read(final Function<String, Optional<String>> setting) {
        return new InstallationDatabase(
                nonEmpty(setting.apply("url")), nonEmpty(setting.apply("user")), nonEmpty(setting.apply("password")));
    }

    private static Optional<String> nonEmpty(final Optional<String> value) {
        return value.filter(text -> !text.isBlank());
    }
}

package io.hiveiot.kit.database;

import org.jooq.SQLDialect;

import java.util.List;
import java.util.Locale;

/**
 * The database engines an extension can keep its data in. SQLite is the embedded default: one file per extension,
 * nothing to run. PostgreSQL (and what speaks its protocol) is the engine for more than one broker node: each
 * extension owns a schema there as it owns a file here.
 */
public enum Engine {
    SQLITE("jdbc:sqlite:", SQLDialect.SQLITE),
    POSTGRESQL("jdbc:postgresql:", SQLDialect.POSTGRES);

    private final String urlPrefix;
    private final SQLDialect dialect;

    Engine(final String urlPrefix, final SQLDialect dialect) {
        this.urlPrefix = urlPrefix;
        this.dialect = dialect;
    }

    /** @throws IllegalArgumentException for a URL of another engine */
    public static Engine of(final String jdbcUrl) {
        for (final Engine engine : values()) {
            if (jdbcUrl.startsWith(engine.urlPrefix)) {
                return engine;
            }
        }
        throw new IllegalArgumentException("not a jdbc:sqlite: or jdbc:postgresql: URL: " + jdbcUrl);
    }

    public SQLDialect dialect() {
        return dialect;
    }

    public String urlPrefix() {
        return urlPrefix;
    }

    /**
     * Where the migrations of database {@code name} are on the class path, the first folder that has a version
     * winning: {@code db/<name>/} holds them all, written in SQL both engines run (the build generates jOOQ's
     * classes from them); a PostgreSQL variant of a version that cannot be, in {@code db/<name>/postgresql/}.
     */
    List<String> migrationsFolders(final String name) {
        return this == SQLITE ? List.of("db/" + name) : List.of("db/" + name + "/postgresql", "db/" + name);
    }

    /** PostgreSQL's schema of database {@code name}: {@code device-data} lives in schema {@code device_data}. */
    static String schema(final String name) {
        return name.replace('-', '_').toLowerCase(Locale.ROOT);
    }
}

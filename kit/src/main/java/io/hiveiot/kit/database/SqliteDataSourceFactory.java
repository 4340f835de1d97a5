package io.hiveiot.kit.database;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds the {@link SQLiteDataSource} every connection of a database comes from.
 * <p>
 * Never {@code DriverManager}: it registers drivers once, under the first class loader that asks,
 * and every HiveMQ extension has a class loader of its own.
 */
final class SqliteDataSourceFactory {

    private SqliteDataSourceFactory() {
    }

    static SQLiteDataSource create(final DatabaseSettings settings) {
        createParentFolder(settings.jdbcUrl());
        final var config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(settings.synchronousFull()
                ? SQLiteConfig.SynchronousMode.FULL
                : SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, settings.busyTimeout().toMillis()));
        config.enforceForeignKeys(true);
        final var dataSource = new SQLiteDataSource(config);
        dataSource.setUrl(settings.jdbcUrl());
        return dataSource;
    }

    /** SQLite creates the file but not its folder. */
    private static void createParentFolder(final String jdbcUrl) {
        final String location = jdbcUrl.substring(Engine.SQLITE.urlPrefix().length());
        if (location.isEmpty() || location.startsWith(":memory:") || location.startsWith("file:")) {
            return;
        }
        final int query = location.indexOf('?');
        final Path parent = Path.of(query < 0 ? location : location.substring(0, query)).toAbsolutePath().getParent();
        if (parent == null) {
            return;
        }
        try {
            Files.createDirectories(parent);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot create the database folder " + parent, e);
        }
    }
}

package io.hiveiot.kit.database;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Builds the {@link SQLiteDataSource} every connection of a database comes from. A database file is created here,
 * readable and writable by its owner only (it holds credentials and device data), before SQLite opens it; SQLite
 * gives its {@code -wal} and {@code -shm} files the mode of the database file.
 * <p>
 * Never {@code DriverManager}: it registers drivers once, under the first class loader that asks,
 * and every HiveMQ extension has a class loader of its own.
 */
final class SqliteDataSourceFactory {

    private SqliteDataSourceFactory() {}

    static SQLiteDataSource create(final DatabaseSettings settings) {
        createOwnerOnlyFile(settings.jdbcUrl());
        final var config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(
                settings.synchronousFull() ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(
                (int) Math.min(Integer.MAX_VALUE, settings.busyTimeout().toMillis()));
        config.enforceForeignKeys(true);
        final var dataSource = new SQLiteDataSource(config);
        dataSource.setUrl(settings.jdbcUrl());
        return dataSource;
    }

    /** SQLite creates the file (with the process's umask) but not its folder. */
    private static void createOwnerOnlyFile(final String jdbcUrl) {
        final String location = jdbcUrl.substring(Engine.SQLITE.urlPrefix().length());
        if (location.isEmpty() || location.startsWith(":memory:") || location.startsWith("file:")) {
            return;
        }
        final int query = location.indexOf('?');
        final Path file =
                Path.of(query < 0 ? location : location.substring(0, query)).toAbsolutePath();
        final Path parent = file.getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
        } catch (final FileAlreadyExistsException e) {
            // an existing database keeps the mode it has: the operator may have chosen another
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot create the database file " + file, e);
        }
    }
}

package io.hiveiot.kit.database;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationsTest {

    @TempDir
    Path temp;

    @Test
    void apply_onEmptyDatabase_appliesEveryVersionOnce() throws SQLException {
        final var settings = DatabaseSettings.forFile(temp.resolve("sub/folder/sample.db"));
        final var migrations = new Migrations("db/sample", getClass().getClassLoader());
        try (var connection = SqliteDataSourceFactory.create(settings).getConnection()) {
            assertEquals(List.of(1, 2), migrations.apply(connection));
            assertEquals(List.of(), migrations.apply(connection));
        }
    }

    @Test
    void apply_afterMigrationWasEdited_refusesToStart() throws Exception {
        final Path folder = copySample();
        final var settings = DatabaseSettings.forFile(temp.resolve("edited.db"));
        try (var loader = loaderFor(folder);
                var connection = SqliteDataSourceFactory.create(settings).getConnection()) {
            new Migrations("db/sample", loader).apply(connection);
            Files.writeString(folder.resolve("db/sample/V001.sql"), "CREATE TABLE other (id INTEGER);\n");
            final var error =
                    assertThrows(StoreException.class, () -> new Migrations("db/sample", loader).apply(connection));
            assertTrue(error.getMessage().contains("V001.sql was changed"), error.getMessage());
        }
    }

    @Test
    void apply_toDatabaseOfNewerRelease_refusesToStart() throws Exception {
        final Path folder = copySample();
        final var settings = DatabaseSettings.forFile(temp.resolve("newer.db"));
        try (var connection = SqliteDataSourceFactory.create(settings).getConnection()) {
            new Migrations("db/sample", getClass().getClassLoader()).apply(connection);
            Files.delete(folder.resolve("db/sample/V002.sql"));
            try (var olderRelease = loaderFor(folder)) {
                final var error = assertThrows(
                        StoreException.class, () -> new Migrations("db/sample", olderRelease).apply(connection));
                assertTrue(error.getMessage().contains("schema version 2"), error.getMessage());
            }
        }
    }

    @Test
    void apply_withBrokenSql_rollsBackThatVersion() throws Exception {
        final Path folder = copySample();
        Files.writeString(folder.resolve("db/sample/V003.sql"), "CREATE TABLE fine (id INTEGER);\nNOT SQL AT ALL;\n");
        final var settings = DatabaseSettings.forFile(temp.resolve("broken.db"));
        try (var loader = loaderFor(folder);
                var connection = SqliteDataSourceFactory.create(settings).getConnection()) {
            final var error =
                    assertThrows(StoreException.class, () -> new Migrations("db/sample", loader).apply(connection));
            assertTrue(error.getMessage().contains("V003.sql failed"), error.getMessage());
            try (var statement = connection.createStatement();
                    var rows = statement.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'fine'")) {
                rows.next();
                assertEquals(0, rows.getInt(1), "the half-applied migration must be rolled back");
            }
        }
    }

    @Test
    void step_runsAfterTheSqlOfItsVersion_inItsTransaction_once() throws Exception {
        final Path folder = copySample();
        final var settings = DatabaseSettings.forFile(temp.resolve("step.db"));
        final var runs = new java.util.concurrent.atomic.AtomicInteger();
        try (var loader = loaderFor(folder);
                var connection = SqliteDataSourceFactory.create(settings).getConnection()) {
            new Migrations("db/sample", loader).apply(connection);
            try (var statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO owner (id, name) VALUES ('o1', 'first')");
            }
            Files.writeString(folder.resolve("db/sample/V003.sql"), "CREATE TABLE copied (value INTEGER);\n");
            final var migrations = new Migrations("db/sample", loader).withStep(3, step -> {
                runs.incrementAndGet();
                try (var statement = step.createStatement()) {
                    statement.executeUpdate("INSERT INTO copied (value) SELECT length(name) FROM owner");
                }
            });

            assertEquals(List.of(3), migrations.apply(connection));
            assertEquals(List.of(), migrations.apply(connection));
            assertEquals(1, runs.get());
            try (var statement = connection.createStatement();
                    var rows = statement.executeQuery("SELECT value FROM copied")) {
                rows.next();
                assertEquals(5, rows.getInt(1));
            }
        }
    }

    @Test
    void failingStep_rollsBackTheSqlOfItsVersionToo() throws Exception {
        final Path folder = copySample();
        Files.writeString(folder.resolve("db/sample/V003.sql"), "CREATE TABLE copied (value INTEGER);\n");
        final var settings = DatabaseSettings.forFile(temp.resolve("failing-step.db"));
        try (var loader = loaderFor(folder);
                var connection = SqliteDataSourceFactory.create(settings).getConnection()) {
            final var migrations = new Migrations("db/sample", loader).withStep(3, step -> {
                throw new SQLException("conversion failed");
            });
            final var error = assertThrows(StoreException.class, () -> migrations.apply(connection));
            assertTrue(error.getMessage().contains("V003.sql failed: conversion failed"), error.getMessage());
            try (var statement = connection.createStatement();
                    var rows = statement.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'copied'")) {
                rows.next();
                assertEquals(0, rows.getInt(1));
            }
        }
    }

    @Test
    void step_forAVersionWithoutSql_isRefused() {
        final var migrations = new Migrations("db/sample", getClass().getClassLoader()).withStep(3, step -> {});
        final var error = assertThrows(StoreException.class, migrations::load);
        assertTrue(error.getMessage().contains("no db/sample/V003.sql"), error.getMessage());
    }

    @Test
    void statements_splitAtLineEndSemicolons_andDropComments() {
        assertEquals(
                List.of("CREATE TABLE a (\nx TEXT DEFAULT ';'\n)", "SELECT 1"),
                SqlScript.statements("-- comment\nCREATE TABLE a (\n  x TEXT DEFAULT ';'\n);\n\nSELECT 1;\n"));
    }

    private Path copySample() throws Exception {
        final Path folder = temp.resolve("classpath");
        Files.createDirectories(folder.resolve("db/sample"));
        for (final String file : List.of("V001.sql", "V002.sql")) {
            try (var in = getClass().getClassLoader().getResourceAsStream("db/sample/" + file)) {
                Files.write(folder.resolve("db/sample/" + file), in.readAllBytes());
            }
        }
        return folder;
    }

    private static URLClassLoader loaderFor(final Path folder) throws Exception {
        return new URLClassLoader(new URL[] {folder.toUri().toURL()}, null);
    }
}

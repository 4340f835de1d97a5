package io.hiveiot.deviceapi;

import io.hiveiot.deviceapi.storage.TestDatabase;
import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.hiveiot.deviceapi.storage.TestDatabase.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceDataDatabaseTest {

    @TempDir
    Path folder;

    @Test
    void open_onNewFolder_createsTheDatabaseWithEveryTable() {
        try (Database database = TestDatabase.open(folder)) {
            assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), database.appliedMigrations());
            assertEquals(TestDatabase.TABLES, TestDatabase.tables(database));
        }
        assertEquals(!TestDatabase.postgres(), Files.isRegularFile(folder.resolve("device-data.db")));
    }

    @Test
    void open_onExistingFile_appliesNoMigrationAgain() {
        TestDatabase.open(folder).close();
        try (Database database = TestDatabase.open(folder)) {
            assertEquals(List.of(), database.appliedMigrations());
        }
    }

    @Test
    void schema_withTypeAndValueColumnDisagreeing_refusesTheRow() {
        try (Database database = TestDatabase.open(folder)) {
            await(database.write(dsl -> dsl.execute("INSERT INTO series (id, device_id, key) VALUES (1, 'd', 'k')")));
            final StoreException refused = assertThrows(
                    StoreException.class,
                    () -> await(database.write(dsl ->
                            dsl.execute("INSERT INTO ts_latest (series_id, ts, type, str_v) VALUES (1, 1, 2, 'x')"))));
            assertTrue(
                    refused.getMessage()
                            .contains(
                                    TestDatabase.postgres() ? "violates check constraint" : "CHECK constraint failed"),
                    refused.getMessage());
        }
    }
}

package io.hiveiot.deviceapi.storage;

import io.hiveiot.deviceapi.payload.ValueType;
import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
    void open_onNewFolder_createsTheFileWithEveryTable() {
        try (Database database = TestDatabase.open(folder)) {
            assertEquals(List.of(1, 2, 3, 4), database.appliedMigrations());
            final List<String> tables = await(database.read(dsl -> dsl.fetch(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'schema_migrations' "
                            + "ORDER BY name").getValues(0, String.class)));
            assertEquals(List.of("attribute", "bucket_record", "device_node", "rpc", "rpc_sequence", "ts_kv",
                    "ts_kv_latest", "ts_kv_pending"), tables);
        }
        assertTrue(Files.isRegularFile(folder.resolve("device-data.db")));
    }

    @Test
    void open_onExistingFile_appliesNoMigrationAgain() {
        TestDatabase.open(folder).close();
        try (Database database = TestDatabase.open(folder)) {
            assertEquals(List.of(), database.appliedMigrations());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ts_kv (", "ts_kv_pending (part, id, "})
    void schema_withTypeAndValueColumnDisagreeing_refusesTheRow(final String tableAndColumns) {
        final String values = tableAndColumns.contains("part") ? "(0, 1, 'd', 'k', 1, 2, 'x')" : "('d', 'k', 1, 2, 'x')";
        try (Database database = TestDatabase.open(folder)) {
            final StoreException refused = assertThrows(StoreException.class, () -> await(database.write(dsl ->
                    dsl.execute("INSERT INTO " + tableAndColumns + "device_id, key, ts, type, str_v) VALUES "
                            + values))));
            assertTrue(refused.getMessage().contains("CHECK constraint failed"), refused.getMessage());
        }
    }

    @Test
    void valueTypeCodes_areTheOnesInTheSchemaComment() {
        assertEquals(1, ValueColumns.code(ValueType.BOOLEAN));
        assertEquals(2, ValueColumns.code(ValueType.LONG));
        assertEquals(3, ValueColumns.code(ValueType.DOUBLE));
        assertEquals(4, ValueColumns.code(ValueType.STRING));
        assertEquals(5, ValueColumns.code(ValueType.JSON));
        for (final ValueType type : ValueType.values()) {
            assertEquals(type, ValueColumns.type(ValueColumns.code(type)));
        }
        assertThrows(StoreException.class, () -> ValueColumns.type((short) 6));
    }
}

package io.hiveiot.deviceapi.storage;

import io.hiveiot.deviceapi.payload.ValueType;
import io.hiveiot.kit.database.StoreException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ValueColumnsTest {

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

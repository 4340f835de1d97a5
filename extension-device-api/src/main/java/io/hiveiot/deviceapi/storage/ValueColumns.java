package io.hiveiot.deviceapi.storage;

import io.hiveiot.deviceapi.payload.TypedValue;
import io.hiveiot.deviceapi.payload.TypedValue.BooleanValue;
import io.hiveiot.deviceapi.payload.TypedValue.DoubleValue;
import io.hiveiot.deviceapi.payload.TypedValue.JsonValue;
import io.hiveiot.deviceapi.payload.TypedValue.LongValue;
import io.hiveiot.deviceapi.payload.TypedValue.StringValue;
import io.hiveiot.deviceapi.payload.ValueType;
import io.hiveiot.deviceapi.telemetry.codec.ValueCode;
import io.hiveiot.kit.database.StoreException;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table's typed value columns ({@code type}, {@code bool_v}, {@code long_v}, {@code dbl_v}, {@code str_v},
 * {@code json_v}) and the mapping between them and a {@link TypedValue}: exactly the column of the value's type
 * holds it, the others are NULL (the schema's CHECK enforces this).
 * <p>
 * Every value comes back as it went in (a DOUBLE 10.0 stays DOUBLE 10.0, JSON text is kept byte for byte), with
 * one exception SQLite imposes: a REAL column stores -0.0 as 0.0. ThingsBoard's typing never produces -0.0
 * (BigDecimal has no negative zero), so no device value is affected; telemetry stores it as 0.0 everywhere.
 */
public final class ValueColumns {

    /** The JDBC types of type, bool_v, long_v, dbl_v, str_v and json_v. */
    private static final int[] SQL_TYPES = {
        Types.SMALLINT, Types.BOOLEAN, Types.BIGINT, Types.DOUBLE, Types.VARCHAR, Types.VARCHAR
    };

    private final Field<Short> type;
    private final Field<Boolean> boolValue;
    private final Field<Long> longValue;
    private final Field<Double> doubleValue;
    private final Field<String> stringValue;
    private final Field<String> jsonValue;
    private final List<Field<?>> fields;

    public ValueColumns(
            final Field<Short> type,
            final Field<Boolean> boolValue,
            final Field<Long> longValue,
            final Field<Double> doubleValue,
            final Field<String> stringValue,
            final Field<String> jsonValue) {
        this.type = type;
        this.boolValue = boolValue;
        this.longValue = longValue;
        this.doubleValue = doubleValue;
        this.stringValue = stringValue;
        this.jsonValue = jsonValue;
        this.fields = List.of(type, boolValue, longValue, doubleValue, stringValue, jsonValue);
    }

    /** The columns, in the order of {@link #values}. */
    public List<Field<?>> fields() {
        return fields;
    }

    /** The column values of {@code value}, in the order of {@link #fields}; all but one value column NULL. */
    public List<Object> values(final TypedValue value) {
        return Arrays.asList(columnValues(value));
    }

    /**
     * Binds {@code value} to the six parameters from {@code first} on, in the order of {@link #fields}: for
     * statements kept prepared outside jOOQ.
     *
     * @return the index after the last one bound
     */
    public static int bind(final PreparedStatement statement, final int first, final TypedValue value)
            throws SQLException {
        final Object[] values = columnValues(value);
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                statement.setNull(first + i, SQL_TYPES[i]);
            } else {
                statement.setObject(first + i, values[i], SQL_TYPES[i]);
            }
        }
        return first + values.length;
    }

    private static Object[] columnValues(final TypedValue value) {
        final Object[] values = new Object[SQL_TYPES.length];
        values[0] = code(value.type());
        if (value instanceof BooleanValue bool) {
            values[1] = bool.value();
        } else if (value instanceof LongValue number) {
            values[2] = number.value();
        } else if (value instanceof DoubleValue number) {
            values[3] = number.value();
        } else if (value instanceof StringValue text) {
            values[4] = text.value();
        } else {
            values[5] = ((JsonValue) value).json();
        }
        return values;
    }

    /** For an upsert: every column takes the value of the row that was refused ({@code excluded.column}). */
    public Map<Field<?>, Field<?>> fromExcluded() {
        final var assignments = new LinkedHashMap<Field<?>, Field<?>>();
        for (final Field<?> field : fields) {
            assignments.put(field, DSL.excluded(field));
        }
        return assignments;
    }

    public TypedValue read(final Record record) {
        final short code = record.get(type);
        return switch (type(code)) {
            case BOOLEAN -> new BooleanValue(present(record.get(boolValue)));
            case LONG -> new LongValue(present(record.get(longValue)));
            case DOUBLE -> new DoubleValue(present(record.get(doubleValue)));
            case STRING -> new StringValue(present(record.get(stringValue)));
            case JSON -> new JsonValue(present(record.get(jsonValue)));
        };
    }

    /** The stored code of a type ({@link ValueCode}). */
    static short code(final ValueType valueType) {
        return ValueCode.of(valueType);
    }

    static ValueType type(final short code) {
        return switch (code) {
            case 1 -> ValueType.BOOLEAN;
            case 2 -> ValueType.LONG;
            case 3 -> ValueType.DOUBLE;
            case 4 -> ValueType.STRING;
            case 5 -> ValueType.JSON;
            default -> throw new StoreException("unknown value type code " + code + " in device-data.db");
        };
    }

    private static <T> T present(final T value) {
        if (value == null) {
            throw new StoreException("a stored value is missing its value column in device-data.db");
        }
        return value;
    }
}

package io.hiveiot.deviceapi;

import io.hiveiot.deviceapi.telemetry.LegacyConversion;
import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.DatabaseSettings;
import io.hiveiot.kit.database.MigrationStep;

import java.util.Map;

/**
 * device-data, the database this extension alone writes: its migrations under {@code db/device-data/}, of which
 * version 5 converts the first telemetry layout in Java ({@link LegacyConversion}).
 */
public final class DeviceDataDatabase {

    /** The database's name: {@code device-data.db} in the data folder, or the {@code device_data} schema. */
    public static final String NAME = "device-data";

    /** The migration whose Java step converts the first telemetry layout. */
    static final int TELEMETRY_CONVERSION = 5;

    private DeviceDataDatabase() {}

    /** The Java steps of the migrations, by version. */
    static Map<Integer, MigrationStep> migrationSteps() {
        return Map.of(TELEMETRY_CONVERSION, new LegacyConversion());
    }

    /**
     * Opens device-data outside the broker (tests, benchmarks, tools), as the extension does.
     *
     * @throws io.hiveiot.kit.database.StoreException when it cannot be opened or migrated
     */
    public static Database open(final DatabaseSettings settings) {
        return Database.open(NAME, settings, DeviceDataDatabase.class.getClassLoader(), migrationSteps());
    }
}

package io.hiveiot.deviceapi;

import io.hiveiot.deviceapi.telemetry.LegacyConversion;
import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.DatabaseSettings;
import io.hiveiot.kit.database.Migrations;

/**
 * Opens {@code device-data.db}, which this extension alone writes (one owner per database file), with the
 * migrations under {@code db/device-data/}; version 5 converts the first telemetry layout in Java
 * ({@link LegacyConversion}). The extension holds one such {@link Database} and hands it to every store.
 */
public final class DeviceDataDatabase {

    /** The file name in the data folder, also the database's name in thread names and messages. */
    public static final String FILE_NAME = "device-data.db";

    static final String MIGRATIONS = "db/device-data";
    /** The migration whose Java step converts the first telemetry layout. */
    static final int TELEMETRY_CONVERSION = 5;

    private DeviceDataDatabase() {
    }

    /** @throws io.hiveiot.kit.database.StoreException when the file cannot be opened or migrated */
    public static Database open(final DatabaseSettings settings) {
        return Database.open(FILE_NAME, settings,
                new Migrations(MIGRATIONS, DeviceDataDatabase.class.getClassLoader())
                        .withStep(TELEMETRY_CONVERSION, new LegacyConversion()));
    }
}

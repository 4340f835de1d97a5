package io.hiveiot.tracking.storage;

import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.DatabaseSettings;
import io.hiveiot.kit.database.Migrations;

/**
 * Opens {@code tracking.db}, which this extension alone writes (one owner per database file), with the
 * migrations under {@code db/tracking/}. The extension holds one such {@link Database} and hands it to every
 * store.
 */
public final class TrackingDatabase {

    /** The file name in the data folder, also the database's name in thread names and messages. */
    public static final String FILE_NAME = "tracking.db";

    private TrackingDatabase() {
    }

    /** @throws io.hiveiot.kit.database.StoreException when the file cannot be opened or migrated */
    public static Database open(final DatabaseSettings settings) {
        return Database.open(FILE_NAME, settings,
                new Migrations("db/tracking", TrackingDatabase.class.getClassLoader()));
    }
}

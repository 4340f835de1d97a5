package io.hiveiot.kit.database;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

class SqliteDatabaseTest extends DatabaseContract {

    @TempDir
    Path temp;

    private final AtomicInteger files = new AtomicInteger();

    @Override
    DatabaseSettings newDatabase() {
        return DatabaseSettings.forFile(temp.resolve("sample-" + files.incrementAndGet() + ".db"));
    }
}

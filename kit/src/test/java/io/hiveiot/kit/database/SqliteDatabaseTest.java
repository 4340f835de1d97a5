package io.hiveiot.kit.database;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SqliteDatabaseTest extends DatabaseContract {

    @TempDir
    Path temp;

    private final AtomicInteger files = new AtomicInteger();

    @Override
    DatabaseSettings newDatabase() {
        return DatabaseSettings.forFile(temp.resolve("sample-" + files.incrementAndGet() + ".db"));
    }

    @Test
    void open_createsTheDatabaseAndItsWriteAheadLog_readableByTheOwnerOnly() throws Exception {
        insertItem(9, "o1").get(5, TimeUnit.SECONDS);
        final Path file = temp.resolve("sample-" + files.get() + ".db");
        final var ownerOnly = PosixFilePermissions.fromString("rw-------");
        assertEquals(ownerOnly, Files.getPosixFilePermissions(file));
        assertEquals(ownerOnly, Files.getPosixFilePermissions(file.resolveSibling(file.getFileName() + "-wal")));
        assertEquals(ownerOnly, Files.getPosixFilePermissions(file.resolveSibling(file.getFileName() + "-shm")));
    }

    @Test
    void open_keepsTheModeOfAnExistingDatabase() throws Exception {
        final Path file = temp.resolve("existing.db");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
        open(DatabaseSettings.forFile(file)).close();
        assertEquals(PosixFilePermissions.fromString("rw-r-----"), Files.getPosixFilePermissions(file));
    }
}

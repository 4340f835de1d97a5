package io.hiveiot.firmware.assign;

import com.codahale.metrics.Counter;
import io.hiveiot.firmware.pkg.PackageInfo;
import io.hiveiot.firmware.pkg.PackageType;
import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.DatabaseSettings;
import io.hiveiot.testkit.Await;
import io.hiveiot.testkit.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static io.hiveiot.firmware.schema.Tables.OTA_PACKAGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mirror on a real firmware database, as another broker node's changes reach it: announced devices are read in
 * batches, one read at a time, and a whole read brings every device to the table.
 */
class AssignmentMirrorTest {

    private static final int DEVICES = 2_500;

    @TempDir
    Path folder;

    private Database database;
    private AssignmentStore store;
    private final Counter reads = new Counter();
    private final List<String> told = new CopyOnWriteArrayList<>();
    private final AssignmentMirror.Listener listener = (deviceId, type, before, after) -> told.add(deviceId);

    @BeforeEach
    void open() {
        database = Database.open(
                "firmware",
                DatabaseSettings.forUrl(PostgresServer.newDatabaseOrFile(folder.resolve("firmware.db"))),
                AssignmentMirrorTest.class.getClassLoader());
        store = new AssignmentStore(database, Clock.systemUTC());
        database.write(dsl -> dsl.insertInto(OTA_PACKAGE)
                        .set(OTA_PACKAGE.ID, "package-1")
                        .set(OTA_PACKAGE.ACCOUNT, "demo")
                        .set(OTA_PACKAGE.TYPE, PackageType.FIRMWARE.name())
                        .set(OTA_PACKAGE.TITLE, "mirror")
                        .set(OTA_PACKAGE.VERSION, "1")
                        .set(OTA_PACKAGE.CHECKSUM_ALGORITHM, "SHA256")
                        .set(OTA_PACKAGE.CHECKSUM, "00")
                        .set(OTA_PACKAGE.SIZE, 1L)
                        .set(OTA_PACKAGE.CONTENT_TYPE, "application/octet-stream")
                        .set(OTA_PACKAGE.DATA, new byte[1])
                        .set(OTA_PACKAGE.CREATED_AT, 0L)
                        .execute())
                .join();
    }

    @AfterEach
    void close() {
        database.close();
    }

    private void assignEveryDevice() {
        IntStream.range(0, DEVICES)
                .mapToObj(i -> store.assign("demo", "device-" + i, "d" + i, PackageType.FIRMWARE, "mirror", "1"))
                .toList()
                .forEach(write -> write.join());
    }

    @Test
    void changesOfAnotherNode_areReadInBatches_oneReadAtATime() throws Exception {
        final var mirror = new AssignmentMirror(store, reads);
        mirror.load(listener).join();
        assertEquals(0, mirror.devices());
        assignEveryDevice();

        IntStream.range(0, DEVICES).forEach(i -> mirror.changedElsewhere("device-" + i, listener));

        Await.until(mirror::devices, devices -> devices == DEVICES);
        assertEquals(DEVICES, told.size());
        assertEquals(
                Optional.of("1"),
                mirror.of("device-7").get(PackageType.FIRMWARE).map(PackageInfo::version));
        assertTrue(
                reads.getCount() <= 1 + 2 * (DEVICES / AssignmentMirror.BATCH + 1),
                "reads: " + reads.getCount() + " for " + DEVICES + " announced devices");
    }

    @Test
    void wholeRead_bringsEveryDeviceToTheTable_andSharesOnePackageDescription() {
        assignEveryDevice();
        final var mirror = new AssignmentMirror(store, reads);
        mirror.load(listener).join();
        assertEquals(DEVICES, mirror.devices());
        assertTrue(mirror.of("device-1").get(PackageType.FIRMWARE).get()
                == mirror.of("device-2").get(PackageType.FIRMWARE).get());

        store.unassign("device-1", PackageType.FIRMWARE).join();
        told.clear();
        mirror.load(listener).join();
        assertEquals(DEVICES - 1, mirror.devices());
        assertEquals(List.of("device-1"), told);
        assertEquals(2, reads.getCount());
    }
}

package io.hiveiot.tracking.storage;

import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.Notifications;
import io.hiveiot.testkit.Await;
import io.hiveiot.testkit.PostgresServer;
import io.hiveiot.tracking.group.Families;
import io.hiveiot.tracking.group.GroupStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two broker nodes sharing one PostgreSQL tracking database: a family that changes hands through one node changes
 * hands on the other too, so that node removes its own clients' subscriptions to it (the subscription store is per
 * node).
 */
class FamilyNodesTest {

    @TempDir
    Path temp;

    private Database database;
    private Notifications nodeA;
    private Notifications nodeB;
    private final List<String> heardOnB = new CopyOnWriteArrayList<>();
    private GroupStore groupsA;

    @BeforeEach
    void open() throws Exception {
        assumeTrue(PostgresServer.selected(), "nodes share a database on PostgreSQL only");
        database = SharedDatabase.open(temp);
        nodeA = Notifications.open(database);
        nodeB = Notifications.open(database);
        groupsA = new GroupStore(database, new Families((family, owner) -> {}), nodeA);
        groupsA.load(List.of()).get();
        final var familiesB = new Families((family, owner) -> heardOnB.add(family + " " + owner.orElse("-")));
        new GroupStore(database, familiesB, nodeB).load(List.of()).get();
    }

    @AfterEach
    void close() {
        if (database != null) {
            nodeA.close();
            nodeB.close();
            database.close();
        }
    }

    @Test
    void familyDeletedAndMadeAgainByAnotherAccountOnOneNode_changesHandsOnTheOther() throws Exception {
        groupsA.createFamily("fox", "a", 1).get();
        Await.until(() -> List.copyOf(heardOnB), heard -> heard.equals(List.of("fox a")));
        groupsA.deleteFamily("fox").get();
        groupsA.createFamily("fox", "b", 2).get();
        // B reads the families again per message: it may see the deletion, or only the new owner
        final List<String> heard = Await.until(
                () -> List.copyOf(heardOnB), all -> all.get(all.size() - 1).equals("fox b"));
        assertEquals("fox a", heard.get(0));
    }
}

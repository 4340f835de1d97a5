package io.hiveiot.kit.database;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Messages between the broker nodes that share one extension's PostgreSQL schema, through PostgreSQL's
 * {@code LISTEN/NOTIFY}: a node tells the others what they must act on at once (forget a cached credential, close a
 * device's session, hand a request to the node that holds a device). A message is sent inside a write and reaches
 * the other nodes when that write commits, never when it is rolled back. A node never receives its own messages:
 * it acts on its own changes directly.
 * <p>
 * Each node has an id, unique among the live nodes of the database (the listening connection holds an advisory
 * lock on it), so tables can say which node holds what, and {@link #liveNodes()} tells which nodes are still
 * running; {@link #deadNodes()} are the nodes that joined the database and are gone: what a node that crashed held
 * can then be cleaned up by the others.
 * <p>
 * On SQLite there is one node: nothing is sent, nothing arrives, and the live nodes are this one.
 */
public final class Notifications implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    /** What a subscriber is told; called on the listening thread, so it must be quick. */
    public interface Listener {

        /** A message another node sent on the channel. */
        void message(String payload);

        /**
         * The listening connection broke and was opened again: messages sent meanwhile were lost, so whatever
         * they would have invalidated must be forgotten now.
         */
        default void missed() {}

        /**
         * A listener for state held whole in memory: any message, and any gap, reads it all again.
         *
         * @param what  what is read, for the log line when reading fails, e.g. {@code hive-iot-auth: device profiles}
         * @param reads reads the state again; its failure is logged, the state read before stays
         */
        static Listener readingAgain(final String what, final Supplier<CompletableFuture<?>> reads) {
            final Runnable readAgain = () -> reads.get().whenComplete((done, failure) -> {
                if (failure != null) {
                    log.warn("{} not read again after another node changed them: {}", what, failure.toString());
                }
            });
            return new Listener() {
                @Override
                public void message(final String payload) {
                    readAgain.run();
                }

                @Override
                public void missed() {
                    readAgain.run();
                }
            };
        }
    }

    /**
     * How often a node looks for {@link #deadNodes()} while it shares the database: what a crashed node held stays
     * that long at most.
     */
    public static final Duration DEAD_NODE_SWEEP = Duration.ofSeconds(10);

    /** The namespace of the node locks among the advisory locks of the database. */
    static final int NODE_LOCK_SPACE = 0x68697669;

    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9_]{0,30}");

    private final Database database;
    private final String channelPrefix;
    private final NotificationConnection connection;
    private final int node;
    private final AtomicLong sequence = new AtomicLong();

    private Notifications(final Database database, final NotificationConnection connection, final int node) {
        this.database = database;
        this.channelPrefix = "hive_iot_" + Engine.schema(database.name()) + "_";
        this.connection = connection;
        this.node = node;
    }

    /**
     * Starts listening on the database's server (on SQLite: nothing to listen to) and records the node among the
     * database's nodes (see {@link #deadNodes}).
     *
     * @throws StoreException when the server cannot be reached
     */
    public static Notifications open(final Database database) {
        final Notifications notifications;
        if (database.engine() == Engine.SQLITE) {
            notifications = new Notifications(
                    database, null, ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE));
        } else {
            final var connection = NotificationConnection.open(database.name(), database.connections());
            notifications = new Notifications(database, connection, connection.node());
        }
        try {
            NodeTable.register(database, notifications.node);
        } catch (final RuntimeException e) {
            notifications.close();
            throw e;
        }
        return notifications;
    }

    /** This node's id among the nodes that share the database. */
    public int node() {
        return node;
    }

    /** Whether other nodes may share the database (PostgreSQL), or this node is alone (SQLite). */
    public boolean shared() {
        return connection != null;
    }

    /**
     * Calls {@code listener} with every message other nodes send on {@code channel} from now on.
     *
     * @param channel lower-case letters, digits and {@code _}, starting with a letter; it names the channel within
     *                the extension's database
     */
    public void subscribe(final String channel, final Listener listener) {
        final String name = channelName(channel);
        if (connection != null) {
            connection.subscribe(name, listener);
        }
    }

    /**
     * Sends {@code payload} to the other nodes when the write that runs {@code dsl} commits. A payload of any length
     * is sent in pieces (PostgreSQL takes at most 8,000 bytes a notification) that arrive together.
     */
    public void send(final DSLContext dsl, final String channel, final String payload) {
        final String name = channelName(channel);
        if (connection == null) {
            return;
        }
        final List<String> pieces = NotificationPieces.split(node, sequence.incrementAndGet(), payload);
        dsl.connection(jdbc -> {
            try (PreparedStatement notify = jdbc.prepareStatement("SELECT pg_notify(?, ?)")) {
                for (final String piece : pieces) {
                    notify.setString(1, name);
                    notify.setString(2, piece);
                    notify.execute();
                }
            }
        });
    }

    /** Sends {@code payload} in a write of its own; completes once it is committed (at once on SQLite). */
    public CompletableFuture<Void> send(final String channel, final String payload) {
        channelName(channel);
        if (connection == null) {
            return CompletableFuture.completedFuture(null);
        }
        return database.write(dsl -> {
            send(dsl, channel, payload);
            return null;
        });
    }

    /** The ids of the nodes running now, this one included. */
    public CompletableFuture<Set<Integer>> liveNodes() {
        if (connection == null) {
            return CompletableFuture.completedFuture(Set.of(node));
        }
        return database.read(NotificationConnection::liveNodes);
    }

    /**
     * The nodes that joined the database once and run no more (on SQLite: this node's earlier runs). What they held
     * (rows naming them) is stale: the caller cleans it up and then {@link #forget}s them, in one write.
     */
    public CompletableFuture<Set<Integer>> deadNodes() {
        return liveNodes()
                .thenCompose(live -> database.read(dsl -> NodeTable.nodes(dsl)).thenApply(known -> {
                    final var dead = new HashSet<>(known);
                    dead.removeAll(live);
                    dead.remove(node);
                    return dead;
                }));
    }

    /** Removes a dead node from the database's nodes, in the write that cleaned up what it held. */
    public void forget(final DSLContext dsl, final int deadNode) {
        NodeTable.forget(dsl, deadNode);
    }

    private String channelName(final String channel) {
        if (!CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("not a channel name: " + channel);
        }
        return channelPrefix + channel;
    }

    /** Stops listening; the node's lock goes with its connection, so the others see it gone. */
    @Override
    public void close() {
        if (connection != null) {
            connection.close();
        }
    }
}

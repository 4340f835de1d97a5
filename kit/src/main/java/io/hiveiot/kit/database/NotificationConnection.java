package io.hiveiot.kit.database;

import org.jooq.DSLContext;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one connection of a node that listens: it holds the node's advisory lock (which makes the node's id unique
 * and shows the node alive), {@code LISTEN}s on every subscribed channel and hands each message to its listeners on
 * a thread of its own. A broken connection is opened again; the listeners are then told they missed messages.
 */
final class NotificationConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NotificationConnection.class);
    /** How long a wait for notifications holds the connection before a subscription may use it. */
    private static final int WAIT_MILLIS = 200;

    private static final long RETRY_MILLIS = 1_000;
    /**
     * How often the connection is checked with a query, and how long the server may take to answer: a connection
     * whose server is cut off would otherwise just stay silent, and the node would miss notifications unnoticed.
     */
    private static final long CHECK_MILLIS = 10_000;

    private static final int CHECK_TIMEOUT_MILLIS = 10_000;

    private final String name;
    private final Connections connections;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Map<String, CopyOnWriteArrayList<Notifications.Listener>> listeners = new ConcurrentHashMap<>();
    private final Map<String, NotificationPieces> pieces = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private Connection connection;
    private int node;
    private long checkedAt;

    private NotificationConnection(final String name, final Connections connections) {
        this.name = name;
        this.connections = connections;
        this.thread = new Thread(this::run, name + "-notifications");
        thread.setDaemon(true);
    }

    static NotificationConnection open(final String name, final Connections connections) {
        final var listening = new NotificationConnection(name, connections);
        try {
            listening.connect(true);
        } catch (final SQLException e) {
            throw new StoreException(name + ": cannot listen for other nodes' notifications: " + e.getMessage(), e);
        }
        listening.thread.start();
        return listening;
    }

    int node() {
        return node;
    }

    void subscribe(final String channel, final Notifications.Listener listener) {
        listeners.computeIfAbsent(channel, key -> new CopyOnWriteArrayList<>()).add(listener);
        pieces.putIfAbsent(channel, new NotificationPieces());
        lock.lock();
        try {
            if (connection != null) {
                listen(connection, channel);
            }
        } catch (final SQLException e) {
            // the listening thread opens a new connection, listens on every channel and calls missed()
            log.warn("{}: LISTEN {} failed: {}", name, channel, e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    /** The ids of the nodes whose listening connection holds its lock now. */
    static Set<Integer> liveNodes(final DSLContext dsl) {
        return dsl.connectionResult(jdbc -> {
            final var nodes = new HashSet<Integer>();
            try (PreparedStatement query = jdbc.prepareStatement("SELECT objid FROM pg_locks WHERE locktype = "
                    + "'advisory' AND classid = ? AND objsubid = 2 AND granted AND database = "
                    + "(SELECT oid FROM pg_database WHERE datname = current_database())")) {
                query.setLong(1, Notifications.NODE_LOCK_SPACE);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        nodes.add((int) rows.getLong(1));
                    }
                }
            }
            return nodes;
        });
    }

    /**
     * Opens the connection, takes the node's lock and listens on every channel. The first time, a node id some live
     * node already has is replaced by another; later, the id stays (its lock may still be held by the broken
     * connection until the server notices).
     */
    private void connect(final boolean first) throws SQLException {
        final Connection opened = connections.open();
        try {
            opened.setAutoCommit(true);
            opened.setNetworkTimeout(Runnable::run, CHECK_TIMEOUT_MILLIS);
            if (first) {
                do {
                    node = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
                } while (!tryLock(opened, node));
            } else {
                tryLock(opened, node);
            }
            for (final String channel : listeners.keySet()) {
                listen(opened, channel);
            }
        } catch (final SQLException | RuntimeException e) {
            opened.close();
            throw e;
        }
        lock.lock();
        try {
            connection = opened;
        } finally {
            lock.unlock();
        }
    }

    private static boolean tryLock(final Connection connection, final int node) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            lock.setInt(1, Notifications.NODE_LOCK_SPACE);
            lock.setInt(2, node);
            try (ResultSet row = lock.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    private static void listen(final Connection connection, final String channel) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN \"" + channel + "\"");
        }
    }

    private void run() {
        while (running) {
            try {
                if (connection == null) {
                    connect(false);
                    log.info("{}: listening for other nodes' notifications again", name);
                    missed();
                }
                deliver(waitForNotifications());
                checkNow();
            } catch (final SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                log.warn("{}: the notification connection broke: {}", name, e.getMessage());
                drop();
                pause();
            }
        }
    }

    private PGNotification[] waitForNotifications() throws SQLException {
        lock.lock();
        try {
            if (connection == null) {
                return new PGNotification[0];
            }
            final PGNotification[] received =
                    connection.unwrap(PGConnection.class).getNotifications(WAIT_MILLIS);
            return received == null ? new PGNotification[0] : received;
        } finally {
            lock.unlock();
        }
    }

    private void checkNow() throws SQLException {
        final long now = System.nanoTime();
        if (now - checkedAt < TimeUnit.MILLISECONDS.toNanos(CHECK_MILLIS)) {
            return;
        }
        checkedAt = now;
        lock.lock();
        try (Statement check = connection.createStatement()) {
            check.execute("SELECT 1");
        } finally {
            lock.unlock();
        }
    }

    private void deliver(final PGNotification[] received) {
        for (final PGNotification notification : received) {
            final NotificationPieces channelPieces = pieces.get(notification.getName());
            if (channelPieces == null) {
                continue;
            }
            final NotificationPieces.Piece piece;
            try {
                piece = NotificationPieces.parse(notification.getParameter());
            } catch (final IllegalArgumentException e) {
                log.debug("{}: notification on {} ignored: {}", name, notification.getName(), e.getMessage());
                continue;
            }
            if (piece.node() == node) {
                continue;
            }
            channelPieces.add(piece).ifPresent(message -> {
                for (final Notifications.Listener listener :
                        listeners.getOrDefault(notification.getName(), new CopyOnWriteArrayList<>())) {
                    try {
                        listener.message(message);
                    } catch (final RuntimeException e) {
                        log.warn("{}: a listener of {} failed: {}", name, notification.getName(), e.toString());
                    }
                }
            });
        }
    }

    private void missed() {
        pieces.values().forEach(NotificationPieces::clear);
        listeners
                .values()
                .forEach(channel -> channel.forEach(listener -> {
                    try {
                        listener.missed();
                    } catch (final RuntimeException e) {
                        log.warn("{}: a listener failed after missed notifications: {}", name, e.toString());
                    }
                }));
    }

    private void drop() {
        lock.lock();
        try {
            if (connection != null) {
                try (Statement statement = connection.createStatement()) {
                    // the pool may keep the connection: without its lock, this node no longer looks alive
                    statement.execute("SELECT pg_advisory_unlock_all()");
                } catch (final SQLException ignored) {
                    // a broken connection holds nothing once the server notices
                }
                try {
                    connection.close();
                } catch (final SQLException ignored) {
                    // it broke; closing is best effort
                }
                connection = null;
            }
        } finally {
            lock.unlock();
        }
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(RETRY_MILLIS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drop();
    }
}

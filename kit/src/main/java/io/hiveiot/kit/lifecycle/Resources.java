package io.hiveiot.kit.lifecycle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;

/** What a start opened, closed in the reverse order: a store closes before the database it writes to. */
final class Resources {

    private static final Logger log = LoggerFactory.getLogger(Resources.class);

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    synchronized <T extends AutoCloseable> T keep(final T resource) {
        opened.push(resource);
        return resource;
    }

    /** Closes everything; a resource that fails to close does not keep the others open. */
    synchronized void closeAll() {
        while (!opened.isEmpty()) {
            final AutoCloseable resource = opened.pop();
            try {
                resource.close();
            } catch (final Exception e) {
                log.warn("hive-iot: closing {} failed: {}", resource, e.toString());
            }
        }
    }
}

package io.hiveiot.kit.database;

/**
 * The queue in front of a database thread is full. Raised at once instead of waiting, so the
 * broker thread that asked can refuse the client (MQTT 5 0x97 quota exceeded, 0x88 on CONNECT).
 */
public final class StoreOverloadedException extends StoreException {

    public StoreOverloadedException(final String message) {
        super(message);
    }
}

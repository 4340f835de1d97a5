package io.hiveiot.kit.database;

/**
 * A storage operation did not happen. Callers answer it explicitly (an MQTT reason code, a refused
 * CONNECT), never as a success.
 */
public class StoreException extends RuntimeException {

    public StoreException(final String message) {
        super(message);
    }

    public StoreException(final String message, final Throwable cause) {
        super(message, cause);
    }
}

package io.hiveiot.deviceapi.protobuf;

/** A {@code .proto} schema that cannot be used; the message says why, for the operator who wrote it. */
public final class SchemaException extends Exception {

    public SchemaException(final String reason) {
        super(reason, null, false, false);
    }
}

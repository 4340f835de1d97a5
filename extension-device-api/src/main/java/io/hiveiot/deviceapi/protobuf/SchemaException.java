package io.hiveiot.deviceapi.protobuf;

/** A {@code .proto} schema that cannot be used; the message says why, for the operator who wrote it. */
final class SchemaException extends Exception {

    SchemaException(final String reason) {
        super(reason, null, false, false);
    }
}

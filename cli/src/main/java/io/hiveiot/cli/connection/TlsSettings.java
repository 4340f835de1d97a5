package io.hiveiot.cli.connection;

import java.nio.file.Path;
import java.util.Optional;

/** TLS as asked for: the CA file to trust (else the JVM's), or any certificate for development. */
public record TlsSettings(Optional<Path> caFile, boolean insecure) {}

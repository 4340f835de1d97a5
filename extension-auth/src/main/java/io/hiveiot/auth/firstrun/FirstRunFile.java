package io.hiveiot.auth.firstrun;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code first-run.txt}: {@code key=value} lines that scripts can read, readable by the broker's
 * user only. Written to a temporary file created with mode 0600 and moved into place, so the
 * secrets are never readable by others, not even for a moment, and never half-written.
 */
public final class FirstRunFile {

    public static final String NAME = "first-run.txt";

    private FirstRunFile() {}

    public static void write(final Path file, final Map<String, String> values) throws IOException {
        Files.createDirectories(file.getParent());
        final Path temp = file.resolveSibling(NAME + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (final UnsupportedOperationException notPosix) {
            Files.createFile(temp);
        } catch (final FileAlreadyExistsException e) {
            throw new IOException("another process is writing " + temp, e);
        }
        final String text = values.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(temp, text);
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (final AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}

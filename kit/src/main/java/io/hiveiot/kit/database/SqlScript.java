package io.hiveiot.kit.database;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a migration file into statements the way the build's sql-maven-plugin does: a statement
 * ends with {@code ;} at the end of a line; {@code --} line comments are dropped. Migrations
 * therefore must not use triggers (their bodies hold {@code ;}).
 */
final class SqlScript {

    private SqlScript() {}

    static List<String> statements(final String script) {
        final var statements = new ArrayList<String>();
        final var current = new StringBuilder();
        for (final String rawLine : script.split("\\R")) {
            final String line = rawLine.strip();
            if (line.isEmpty() || line.startsWith("--")) {
                continue;
            }
            if (current.length() > 0) {
                current.append('\n');
            }
            if (line.endsWith(";")) {
                current.append(line, 0, line.length() - 1);
                statements.add(current.toString());
                current.setLength(0);
            } else {
                current.append(line);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString());
        }
        return statements;
    }
}

package io.hiveiot.kit.config;

import java.nio.file.Path;

/**
 * A configuration file the extension refuses to start with. {@link #getMessage()} is the one line
 * the operator sees: {@code <file>:<line>:<column>: <problem>}.
 */
public final class ConfigException extends Exception {

    private final Path file;
    private final int line;
    private final String problem;

    public ConfigException(final Path file, final int line, final int column, final String problem) {
        super(file + ":" + (line > 0 ? line + ":" + Math.max(column, 1) + ": " : " ") + problem);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    public Path file() {
        return file;
    }

    /** 1-based, or 0 when the problem is not on one line (an unreadable file). */
    public int line() {
        return line;
    }

    public String problem() {
        return problem;
    }
}

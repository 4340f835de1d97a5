package io.hiveiot.cli.output;

import picocli.CommandLine.Option;

/** {@code --json}: the service's result as JSON on stdout, for scripts (e.g. piped to jq). */
public final class OutputOptions {

    @Option(names = "--json", description = "Print the result as JSON (for scripts) instead of a table.")
    boolean json;

    public boolean json() {
        return json;
    }
}

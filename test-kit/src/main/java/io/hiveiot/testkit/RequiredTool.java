package io.hiveiot.testkit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A program a test drives besides the broker (Debian's chromium and chromedriver, Python's Prometheus parser). CI
 * installs them and sets {@value #VARIABLE}={@code required}, so there a missing tool fails the test; on a developer
 * machine without it the test is skipped with a message naming the package to install.
 */
public final class RequiredTool {

    public static final String VARIABLE = "HIVE_IOT_TEST_TOOLS";

    private RequiredTool() {}

    /**
     * @param executable the tool's path
     * @param install    how to get it, for the message
     */
    public static Path at(final String executable, final String install) {
        final Path path = Path.of(executable);
        require(Files.isExecutable(path), executable + " is missing (" + install + ")");
        return path;
    }

    /** Fails in CI, skips elsewhere, when {@code available} is false. */
    public static void require(final boolean available, final String problem) {
        if (available) {
            return;
        }
        if ("required".equals(System.getenv(VARIABLE))) {
            Assertions.fail(problem + "; " + VARIABLE + "=required");
        }
        Assumptions.abort(problem + ": skipped (set " + VARIABLE + "=required to make this a failure)");
    }
}

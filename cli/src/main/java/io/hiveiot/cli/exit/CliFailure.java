package io.hiveiot.cli.exit;

/**
 * A failure the CLI reports as one message plus what to do next, and ends with a fixed exit code.
 * Scripts rely on the codes; people on the hint.
 */
public class CliFailure extends RuntimeException {

    private final int exitCode;
    private final String hint;

    public CliFailure(final int exitCode, final String message, final String hint) {
        super(message);
        this.exitCode = exitCode;
        this.hint = hint;
    }

    public CliFailure(final int exitCode, final String message, final String hint, final Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.hint = hint;
    }

    public int exitCode() {
        return exitCode;
    }

    /** What the user should do next; never empty. */
    public String hint() {
        return hint;
    }
}

package io.hiveiot.cli.exit;

/** A problem with what the user typed or named (a value, a file), found before anything is sent. */
public final class UsageProblem extends CliFailure {

    public UsageProblem(final String message, final String hint) {
        super(ExitCodes.USAGE, message, hint);
    }

    public UsageProblem(final String message, final String hint, final Throwable cause) {
        super(ExitCodes.USAGE, message, hint, cause);
    }
}

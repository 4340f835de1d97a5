package io.hiveiot.cli.connection;

import io.hiveiot.cli.exit.CliFailure;
import io.hiveiot.cli.exit.ExitCodes;

/** The broker could not be reached, refused the credentials, or refused a request: exit code 2. */
public final class ConnectionProblem extends CliFailure {

    public ConnectionProblem(final String message, final String hint) {
        super(ExitCodes.CONNECTION, message, hint);
    }

    public ConnectionProblem(final String message, final String hint, final Throwable cause) {
        super(ExitCodes.CONNECTION, message, hint, cause);
    }
}

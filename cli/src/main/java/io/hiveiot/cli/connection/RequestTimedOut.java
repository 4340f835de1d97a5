package io.hiveiot.cli.connection;

import io.hiveiot.cli.exit.CliFailure;
import io.hiveiot.cli.exit.ExitCodes;

/** No answer in time: exit code 3. */
public final class RequestTimedOut extends CliFailure {

    public RequestTimedOut(final String message, final String hint) {
        super(ExitCodes.TIMEOUT, message, hint);
    }
}

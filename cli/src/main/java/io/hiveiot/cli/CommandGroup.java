package io.hiveiot.cli;

import io.hiveiot.cli.connection.ApiSession;
import io.hiveiot.cli.connection.CliEnvironment;
import io.hiveiot.cli.connection.ConnectionSettings;
import io.hiveiot.cli.exit.ExitCodes;
import io.hiveiot.cli.output.Output;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command with subcommands as methods ({@code hive-iot devices list}, ...). Each method hands its
 * work to {@link #run}, which connects, runs it, and always disconnects; failures travel as
 * {@link CliFailure}s to {@link ErrorReporter}, which prints them and picks the exit code.
 */
public abstract class CommandGroup {

    @Spec
    protected CommandSpec spec;

    /** The work of one command, given a connected session and where to print. */
    @FunctionalInterface
    protected interface Work {
        void run(ApiSession api, Output output);
    }

    protected final int run(final CommonOptions options, final Work work) {
        final Output output = output(options);
        final ConnectionSettings settings = ConnectionSettings.resolve(options.connection(), environment());
        try (ApiSession api = ApiSession.open(settings)) {
            work.run(api, output);
        }
        return ExitCodes.OK;
    }

    protected final Output output(final CommonOptions options) {
        return new Output(
                spec.commandLine().getOut(),
                spec.commandLine().getErr(),
                options.output().json());
    }

    protected final CliEnvironment environment() {
        return ((HiveIot) spec.root().userObject()).environment();
    }
}

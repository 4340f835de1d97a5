package io.hiveiot.cli;

import io.hiveiot.cli.connection.ServiceError;
import io.hiveiot.cli.exit.CliFailure;
import io.hiveiot.cli.exit.ExitCodes;
import io.hiveiot.cli.output.Json;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.util.List;

/**
 * Prints every failure as {@code error: <what>} and a line that says what to do next, and returns the
 * exit code scripts rely on. With {@code --json} a service error is also printed on stdout as
 * {@code {"error":{"code":..,"message":..}}}.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

    /** An unexpected failure: a bug of the CLI (sysexits' EX_SOFTWARE). */
    static final int INTERNAL = 70;

    @Override
    public int handleExecutionException(
            final Exception exception, final CommandLine command, final ParseResult parseResult) {
        final PrintWriter err = command.getErr();
        if (exception instanceof CliFailure failure) {
            if (failure instanceof ServiceError serviceError && wantsJson(parseResult)) {
                final var error = Json.object();
                error.putObject("error").put("code", serviceError.code()).put("message", serviceError.serviceMessage());
                command.getOut().println(Json.pretty(error));
                command.getOut().flush();
            }
            err.println("error: " + failure.getMessage());
            err.println("  " + failure.hint());
            err.flush();
            return failure.exitCode();
        }
        err.println("error: unexpected failure: " + exception);
        err.println("  This is a bug of hive-iot: please report it with the command line (without secrets).");
        if (System.getenv("HIVE_IOT_DEBUG") != null) {
            exception.printStackTrace(err);
        }
        err.flush();
        return INTERNAL;
    }

    @Override
    public int handleParseException(final ParameterException exception, final String[] args) {
        final CommandLine command = exception.getCommandLine();
        final PrintWriter err = command.getErr();
        final Throwable cause = exception.getCause();
        if (cause instanceof CliFailure failure) {
            err.println("error: " + failure.getMessage());
            err.println("  " + failure.hint());
        } else {
            err.println("error: " + exception.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(exception, err);
            err.println("  See `" + command.getCommandSpec().qualifiedName() + " --help` for usage and an example.");
        }
        err.flush();
        return ExitCodes.USAGE;
    }

    private static boolean wantsJson(final ParseResult parseResult) {
        final List<CommandLine> commands = parseResult.asCommandLineList();
        final ParseResult last = commands.get(commands.size() - 1).getParseResult();
        return last != null && last.hasMatchedOption("--json");
    }
}

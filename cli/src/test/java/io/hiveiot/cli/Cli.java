package io.hiveiot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hiveiot.cli.connection.CliEnvironment;
import io.hiveiot.testkit.HiveMqBroker;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the real CLI in-process, as bin/hive-iot would, against a test broker: its picocli entry point
 * with captured stdout and stderr, and the exit code it would exit with. The connection comes from
 * the broker's first-run.txt (through HIVEMQ_DATA_FOLDER) unless a test passes other settings.
 */
final class Cli {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(int exitCode, String out, String err) {

        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (final Exception e) {
                throw new AssertionError("stdout is not JSON: " + out + "\nstderr: " + err, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** A command running in the background (watch), whose stderr can be read while it runs. */
    record Running(CompletableFuture<Result> result, StringWriter err) {}

    private final HiveMqBroker broker;

    Cli(final HiveMqBroker broker) {
        this.broker = broker;
    }

    /** The environment of an operator on the broker's machine: the broker's port and data folder. */
    Map<String, String> environment() {
        final Map<String, String> environment = new HashMap<>();
        environment.put("HIVE_IOT_PORT", Integer.toString(broker.port()));
        environment.put("HIVEMQ_DATA_FOLDER", broker.dataFolder().toString());
        return environment;
    }

    Result run(final String... args) {
        return run(environment(), args);
    }

    static Result run(final Map<String, String> environment, final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exitCode = execute(environment, out, err, args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    Running start(final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final Map<String, String> environment = environment();
        final CompletableFuture<Result> result = CompletableFuture.supplyAsync(() -> {
            final int exitCode = execute(environment, out, err, args);
            return new Result(exitCode, out.toString(), err.toString());
        });
        return new Running(result, err);
    }

    private static int execute(
            final Map<String, String> environment,
            final StringWriter out,
            final StringWriter err,
            final String... args) {
        final var commandLine =
                HiveIot.commandLine(new CliEnvironment(environment, Optional.empty(), Clock.systemUTC()));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    /** The value of a {@code name: value} line of the CLI's text output. */
    static String field(final String output, final String name) {
        final Matcher matcher =
                Pattern.compile("(?m)^" + Pattern.quote(name) + ":\\s+(\\S.*)$").matcher(output);
        if (!matcher.find()) {
            throw new AssertionError("no '" + name + ":' line in:\n" + output);
        }
        return matcher.group(1).trim();
    }
}

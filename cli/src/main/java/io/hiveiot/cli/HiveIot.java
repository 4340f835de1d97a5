package io.hiveiot.cli;

import io.hiveiot.cli.call.CallCommand;
import io.hiveiot.cli.completion.CompletionCommand;
import io.hiveiot.cli.connection.CliEnvironment;
import io.hiveiot.cli.devices.AttributesCommand;
import io.hiveiot.cli.devices.BucketsCommand;
import io.hiveiot.cli.devices.RpcCommand;
import io.hiveiot.cli.devices.TelemetryCommand;
import io.hiveiot.cli.exit.ExitCodes;
import io.hiveiot.cli.firmware.FirmwareCommand;
import io.hiveiot.cli.registry.AccountsCommand;
import io.hiveiot.cli.registry.CredentialsCommand;
import io.hiveiot.cli.registry.DeviceProfilesCommand;
import io.hiveiot.cli.registry.DevicesCommand;
import io.hiveiot.cli.registry.ProfilesCommand;
import io.hiveiot.cli.tracking.TrackingCommand;
import io.hiveiot.cli.watch.WatchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code hive-iot}, the operator's command-line tool: an application client of the hive-iot API
 * (docs/application-api.md). This class only wires the command tree; each feature's commands live in its package.
 */
@Command(
        name = "hive-iot",
        description = "Run a hive-iot fleet from the command line: devices, credentials, attributes, telemetry, "
                + "RPC, buckets, firmware, tracking, and the live event stream.",
        versionProvider = HiveIot.Version.class,
        subcommands = {
            DevicesCommand.class,
            CredentialsCommand.class,
            AccountsCommand.class,
            ProfilesCommand.class,
            DeviceProfilesCommand.class,
            AttributesCommand.class,
            TelemetryCommand.class,
            RpcCommand.class,
            BucketsCommand.class,
            WatchCommand.class,
            FirmwareCommand.class,
            TrackingCommand.class,
            CallCommand.class,
            CompletionCommand.class,
        },
        footer = {
            "",
            "Connection: flags, else HIVE_IOT_HOST, HIVE_IOT_PORT, HIVE_IOT_APP_ID, HIVE_IOT_APP_SECRET, "
                    + "HIVE_IOT_ACCOUNT, else the distribution's data/hive-iot/first-run.txt.",
            "Exit codes: 0 ok, 1 the service answered an error, 2 connection or authentication problem, "
                    + "3 timeout, 64 wrong command line.",
            "",
            "Example:",
            "  hive-iot devices list"
        })
public final class HiveIot implements Callable<Integer> {

    private final CliEnvironment environment;

    @Spec
    private CommandSpec spec;

    public HiveIot(final CliEnvironment environment) {
        this.environment = environment;
    }

    public static void main(final String[] args) {
        System.exit(commandLine(CliEnvironment.ofProcess()).execute(args));
    }

    /** The whole command tree, ready to {@code execute}; tests set its out and err. */
    public static CommandLine commandLine(final CliEnvironment environment) {
        final CommandLine commandLine = new CommandLine(new HiveIot(environment));
        addHelpEverywhere(commandLine);
        final ErrorReporter reporter = new ErrorReporter();
        commandLine.setExecutionExceptionHandler(reporter);
        commandLine.setParameterExceptionHandler(reporter);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }

    /**
     * -h/--help on every command without repeating it in each annotation; -V/--version only on the top
     * command, since `firmware` has a --version option of its own (a package's version).
     */
    private static void addHelpEverywhere(final CommandLine commandLine) {
        commandLine.getCommandSpec().mixinStandardHelpOptions(true);
        distinctSubcommands(commandLine).forEach(HiveIot::addHelpOption);
    }

    private static void addHelpOption(final CommandLine commandLine) {
        commandLine.getCommandSpec().addMixin("help", CommandSpec.forAnnotatedObject(new HelpOption()));
        distinctSubcommands(commandLine).forEach(HiveIot::addHelpOption);
    }

    /** Each subcommand once: an alias maps to the same command a second time. */
    static Set<CommandLine> distinctSubcommands(final CommandLine commandLine) {
        final Set<CommandLine> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        distinct.addAll(commandLine.getSubcommands().values());
        return distinct;
    }

    /** The help option of the subcommands. */
    static final class HelpOption {
        @picocli.CommandLine.Option(
                names = {"-h", "--help"},
                usageHelp = true,
                description = "Show this help, with an example, and exit.")
        boolean help;
    }

    CliEnvironment environment() {
        return environment;
    }

    /** Without a command: the overview, and the usage exit code so scripts notice. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            final String version = HiveIot.class.getPackage().getImplementationVersion();
            return new String[] {"hive-iot " + (version == null ? "(development build)" : version)};
        }
    }
}

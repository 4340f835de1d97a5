package io.hiveiot.cli;

import io.hiveiot.cli.connection.CliEnvironment;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command answers --help with its usage and an example; a wrong command line exits 64. */
class HelpTest {

    @Test
    void everyCommand_hasHelpWithAnExample() {
        final CommandLine hiveIot = HiveIot.commandLine(environment());
        final List<String> paths = new ArrayList<>();
        collect(hiveIot, List.of(), paths);
        assertTrue(paths.size() > 50, "all commands found: " + paths);
        for (final String path : paths) {
            final List<String> args = new ArrayList<>(List.of(path.isEmpty() ? new String[0] : path.split(" ")));
            args.add("--help");
            final StringWriter out = new StringWriter();
            hiveIot.setOut(new PrintWriter(out));
            final int exitCode = hiveIot.execute(args.toArray(String[]::new));
            assertEquals(0, exitCode, path);
            assertTrue(out.toString().startsWith("Usage: hive-iot"), path + ": " + out);
            assertTrue(out.toString().contains("Example"), path + " has no example: " + out);
        }
    }

    @Test
    void completion_printsABashScriptNamingTheCommands() {
        final Cli.Result completion = Cli.run(Map.of(), "completion");
        assertEquals(0, completion.exitCode(), completion::toString);
        assertTrue(completion.out().contains("complete -F _complete_hive-iot"), completion.out());
        assertTrue(completion.out().contains("rotate-key"), "subcommands of subcommands too");
    }

    @Test
    void noCommand_printsTheOverview_andExits64() {
        final Cli.Result overview = Cli.run(Map.of());
        assertEquals(64, overview.exitCode(), overview::toString);
        assertTrue(overview.err().contains("Exit codes: 0 ok, 1 the service answered an error"), overview::toString);
    }

    @Test
    void aMistypedCommand_exits64_andSuggestsTheRightOne() {
        final Cli.Result typo = Cli.run(Map.of(), "devices", "lst");
        assertEquals(64, typo.exitCode(), typo::toString);
        assertTrue(typo.err().contains("Did you mean: devices list"), typo::toString);
        assertTrue(typo.err().contains("--help"), typo::toString);
    }

    @Test
    void noCredentialsAnywhere_exits2_andSaysWhereTheyComeFrom() {
        final Cli.Result missing = Cli.run(Map.of("HIVE_IOT_PORT", "1"), "devices", "list");
        assertEquals(2, missing.exitCode(), missing::toString);
        assertTrue(missing.err().contains("Pass --app-id or HIVE_IOT_APP_ID"), missing::toString);
    }

    private static void collect(final CommandLine command, final List<String> prefix, final List<String> paths) {
        paths.add(String.join(" ", prefix));
        for (final CommandLine sub : HiveIot.distinctSubcommands(command)) {
            final List<String> path = new ArrayList<>(prefix);
            path.add(sub.getCommandName());
            collect(sub, path, paths);
        }
    }

    private static CliEnvironment environment() {
        return new CliEnvironment(Map.of(), Optional.empty(), Clock.systemUTC());
    }
}

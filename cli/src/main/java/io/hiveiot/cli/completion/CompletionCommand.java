package io.hiveiot.cli.completion;

import io.hiveiot.cli.HiveIotCommand;
import io.hiveiot.cli.exit.ExitCodes;
import picocli.AutoComplete;
import picocli.CommandLine.Command;

/** Prints a bash/zsh completion script for every command and option, generated from the command tree itself. */
@Command(
        name = "completion",
        description = "Print a bash (and zsh) completion script for hive-iot.",
        footer = {
            "",
            "Example:",
            "  source <(hive-iot completion)",
            "  hive-iot completion > /etc/bash_completion.d/hive-iot"
        })
public final class CompletionCommand extends HiveIotCommand {

    @Override
    public Integer call() {
        spec.commandLine()
                .getOut()
                .print(AutoComplete.bash("hive-iot", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}

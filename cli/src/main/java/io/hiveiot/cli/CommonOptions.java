package io.hiveiot.cli;

import io.hiveiot.cli.connection.ConnectionOptions;
import io.hiveiot.cli.output.OutputOptions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;

/** The options of every command that talks to the broker: where to connect, and how to print. */
public final class CommonOptions {

    @ArgGroup(
            validate = false,
            heading = "%nConnection (a flag wins over its HIVE_IOT_* variable, which wins over " + "first-run.txt):%n")
    ConnectionOptions connection = new ConnectionOptions();

    @Mixin
    OutputOptions output;

    public ConnectionOptions connection() {
        return connection;
    }

    public OutputOptions output() {
        return output;
    }
}

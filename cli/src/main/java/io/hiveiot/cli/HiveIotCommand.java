package io.hiveiot.cli;

import io.hiveiot.cli.connection.CliEnvironment;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** A command that is one class rather than a group of methods ({@code watch}, {@code call}). */
public abstract class HiveIotCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    protected final CliEnvironment environment() {
        return ((HiveIot) spec.root().userObject()).environment();
    }
}

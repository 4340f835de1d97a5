package io.hiveiot.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/** Which commit a run measured, and which top-level folders of the work tree had uncommitted changes. */
public final class SourceInfo {

    private SourceInfo() {}

    public static String describe(final Path repository) {
        final String commit = git(repository, "rev-parse", "--short=12", "HEAD").trim();
        if (commit.isEmpty()) {
            return "not a git work tree";
        }
        final String subject = git(repository, "log", "-1", "--format=%s").trim();
        final var changed = new TreeSet<String>();
        for (final String line : git(repository, "status", "--porcelain").split("\n")) {
            // "XY path": two status letters, a space, the path (never trim: X may be a space)
            if (line.length() > 3) {
                final String path = line.substring(3).replace("\"", "");
                changed.add(path.contains("/") ? path.substring(0, path.indexOf('/')) : path);
            }
        }
        return "commit " + commit + " (\"" + subject + "\")"
                + (changed.isEmpty() ? ", clean work tree" : ", uncommitted changes in " + String.join(", ", changed));
    }

    private static String git(final Path repository, final String... args) {
        try {
            final var command = new java.util.ArrayList<>(List.of("git", "-C", repository.toString()));
            command.addAll(List.of(args));
            final Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return "";
            }
            return output;
        } catch (final IOException e) {
            return "";
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}

package io.hiveiot.benchmarks.provision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The demo application's credentials from {@code <data>/hive-iot/first-run.txt}, which hive-iot-auth
 * writes on its first start ({@code key=value} lines).
 */
public record FirstRun(String account, String appId, String appSecret) {

    public static Path file(final Path dataFolder) {
        return dataFolder.resolve("hive-iot").resolve("first-run.txt");
    }

    public static FirstRun read(final Path file) {
        final String text;
        try {
            text = Files.readString(file);
        } catch (final IOException e) {
            throw new UncheckedIOException(
                    "cannot read " + file + " (does the distribution contain hive-iot-auth?)", e);
        }
        return parse(text, file.toString());
    }

    static FirstRun parse(final String text, final String source) {
        final Map<String, String> values = new HashMap<>();
        for (final String line : text.split("\\R")) {
            final int equals = line.indexOf('=');
            if (equals > 0) {
                values.put(
                        line.substring(0, equals).trim(),
                        line.substring(equals + 1).trim());
            }
        }
        for (final String key : new String[] {"account", "app-id", "app-secret"}) {
            if (values.getOrDefault(key, "").isEmpty()) {
                throw new IllegalArgumentException(source + " has no " + key + "=");
            }
        }
        return new FirstRun(values.get("account"), values.get("app-id"), values.get("app-secret"));
    }

    @Override
    public String toString() {
        return "FirstRun[account=" + account + ", appId=" + appId + "]";
    }
}

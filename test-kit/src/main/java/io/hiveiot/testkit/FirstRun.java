package io.hiveiot.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code first-run.txt}, the demo credentials hive-iot-auth writes on its first start, parsed as a script would
 * ({@code key=value} lines), not by the extension's own reader.
 */
public final class FirstRun {

    private FirstRun() {}

    /** @param brokerDataFolder the broker's data folder; the file is {@code hive-iot/first-run.txt} in it */
    public static Map<String, String> read(final Path brokerDataFolder) throws IOException {
        final var values = new LinkedHashMap<String, String>();
        for (final String line : Files.readAllLines(brokerDataFolder.resolve("hive-iot/first-run.txt"))) {
            final int equals = line.indexOf('=');
            if (equals > 0) {
                values.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return values;
    }
}

package io.hiveiot.cli.tracking;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.cli.exit.UsageProblem;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/** The settings of a tracking device that {@code create} and {@code update} share. */
final class TrackerOptions {

    @Option(names = "--name", paramLabel = "NAME", description = "Display name.")
    String name;

    @Option(names = "--type", paramLabel = "TYPE", description = "Device type, e.g. 'Phone app tracking'.")
    String type;

    @Option(
            names = "--unit",
            paramLabel = "dataN=UNIT",
            description = "Unit of data1..data4, e.g. data1=°C; repeatable.")
    Map<String, String> units = new LinkedHashMap<>();

    @Option(
            names = "--publish",
            negatable = true,
            description = "Publish the device document to --publish-topic after every update (--no-publish: stop).")
    Boolean publish;

    @Option(
            names = "--publish-topic",
            paramLabel = "TOPIC",
            description = "Where the document goes, inside accounts/<account>/...; `none` removes it.")
    String publishTopic;

    void addTo(final ObjectNode args) {
        if (name != null) {
            args.put("name", name);
        }
        if (type != null) {
            args.put("type", type);
        }
        if (!units.isEmpty()) {
            final ObjectNode json = args.putObject("units");
            units.forEach((key, unit) -> {
                if (!key.matches("data[1-4]")) {
                    throw new UsageProblem(
                            "--unit " + key + "=" + unit + ": only data1..data4 have units",
                            "Write it like --unit data1=°C.");
                }
                json.put(key, unit);
            });
        }
        if (publish != null || publishTopic != null) {
            final ObjectNode json = args.putObject("publish");
            if (publish != null) {
                json.put("enabled", publish);
            }
            if ("none".equals(publishTopic)) {
                json.putNull("topic");
            } else if (publishTopic != null) {
                json.put("topic", publishTopic);
            }
        }
    }
}

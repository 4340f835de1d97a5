package io.hiveiot.cli.firmware;

import com.fasterxml.jackson.databind.JsonNode;
import io.hiveiot.cli.output.Output;
import io.hiveiot.cli.output.Table;
import io.hiveiot.cli.output.Timestamps;

/** The result of the {@code status} op as a table: packages with devices per state, or one device's rollout. */
final class RolloutView {

    private RolloutView() {}

    static void print(final Output output, final JsonNode status) {
        if (status.has("packages")) {
            final Table table = new Table("TYPE", "TITLE", "VERSION", "ASSIGNED", "STATES");
            status.path("packages")
                    .forEach(pkg -> table.row(
                            pkg.path("type"),
                            pkg.path("title"),
                            pkg.path("version"),
                            pkg.path("assigned"),
                            states(pkg.path("states"))));
            table.print(output.out());
        } else {
            final Table table = new Table("TYPE", "ASSIGNED", "STATE", "CURRENT", "ERROR", "UPDATED");
            deviceRow(table, "FIRMWARE", "fw", status.path("firmware"));
            deviceRow(table, "SOFTWARE", "sw", status.path("software"));
            table.print(output.out());
        }
    }

    /** Keys carry the type's prefix (fw_state, current_fw_title; sw_* for software), as the device reports them. */
    private static void deviceRow(final Table table, final String type, final String prefix, final JsonNode status) {
        if (status.isMissingNode() || status.isNull()) {
            return;
        }
        final JsonNode assigned = status.path("assigned");
        table.row(
                type,
                assigned.isObject()
                        ? assigned.path("title").asText() + " "
                                + assigned.path("version").asText()
                        : "",
                status.path(prefix + "_state"),
                (status.path("current_" + prefix + "_title").asText("") + " "
                                + status.path("current_" + prefix + "_version").asText(""))
                        .trim(),
                status.path(prefix + "_error"),
                Timestamps.format(status.path("updatedAt")));
    }

    private static String states(final JsonNode states) {
        final StringBuilder text = new StringBuilder();
        states.properties()
                .forEach(entry -> text.append(text.length() == 0 ? "" : " ")
                        .append(entry.getKey())
                        .append('=')
                        .append(entry.getValue().asText()));
        return text.toString();
    }
}

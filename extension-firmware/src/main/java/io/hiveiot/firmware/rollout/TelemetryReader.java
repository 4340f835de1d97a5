package io.hiveiot.firmware.rollout;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.hiveiot.firmware.pkg.PackageType;
import io.hiveiot.kit.thingsboard.LenientJson;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the rollout keys in a device's telemetry, in any of ThingsBoard's four shapes ({@code {..}},
 * {@code [{..}]}, {@code {"ts":..,"values":{..}}} and arrays of those), before extension-device-api consumes the
 * message. It never refuses anything: a payload it cannot read is device-api's to refuse; this reader then simply
 * finds nothing. It reads with ThingsBoard's own lenient reader, as hive-iot-device-api does (the kit's
 * {@code LenientJson}). Later values of a key win, as the stored latest value would.
 */
public final class TelemetryReader {

    static final int MAX_STATE_LENGTH = 64;
    static final int MAX_ERROR_LENGTH = 1024;
    static final int MAX_NAME_LENGTH = 255;

    private TelemetryReader() {}

    /** The reports in the payload, one per package type mentioned; empty for ordinary telemetry. */
    public static List<RolloutReport> read(final byte[] payload) {
        return parse(payload).map(TelemetryReader::reports).orElse(List.of());
    }

    /**
     * The reports in a gateway's telemetry, {@code {"A":[{..}, {"ts":..,"values":{..}}],"B":[..]}}, by sub-device
     * name; sub-devices without rollout keys are left out.
     */
    public static Map<String, List<RolloutReport>> readGateway(final byte[] payload) {
        final Optional<JsonElement> root = parse(payload).filter(JsonElement::isJsonObject);
        if (root.isEmpty()) {
            return Map.of();
        }
        final Map<String, List<RolloutReport>> reports = new LinkedHashMap<>();
        root.get().getAsJsonObject().entrySet().forEach(device -> {
            if (device.getValue().isJsonArray()) {
                final List<RolloutReport> found = reports(device.getValue());
                if (!found.isEmpty()) {
                    reports.put(device.getKey(), found);
                }
            }
        });
        return reports;
    }

    /** The payload as JSON, unless it has no rollout key at all (most telemetry) or does not parse. */
    private static Optional<JsonElement> parse(final byte[] payload) {
        // Skip the parse unless "fw_" or "sw_" occurs at all.
        if (!mentionsRolloutKey(payload)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JsonParser.parseReader(LenientJson.reader(payload)));
        } catch (final RuntimeException e) {
            return Optional.empty();
        }
    }

    private static List<RolloutReport> reports(final JsonElement root) {
        final List<JsonObject> objects = new ArrayList<>();
        collect(root, objects);
        final var reports = new ArrayList<RolloutReport>();
        for (final PackageType type : PackageType.values()) {
            report(type, objects).ifPresent(reports::add);
        }
        return reports;
    }

    private static void collect(final JsonElement node, final List<JsonObject> objects) {
        if (node.isJsonArray()) {
            node.getAsJsonArray().forEach(element -> {
                if (element.isJsonObject()) {
                    objects.add(values(element.getAsJsonObject()));
                }
            });
        } else if (node.isJsonObject()) {
            objects.add(values(node.getAsJsonObject()));
        }
    }

    private static JsonObject values(final JsonObject object) {
        final JsonElement values = object.get("values");
        return object.has("ts") && values != null && values.isJsonObject() ? values.getAsJsonObject() : object;
    }

    private static Optional<RolloutReport> report(final PackageType type, final List<JsonObject> objects) {
        final Optional<String> state = latest(objects, type.key("state"), MAX_STATE_LENGTH);
        final Optional<String> error = latest(objects, type.key("error"), MAX_ERROR_LENGTH);
        final Optional<String> title = latest(objects, "current_" + type.key("title"), MAX_NAME_LENGTH);
        final Optional<String> version = latest(objects, "current_" + type.key("version"), MAX_NAME_LENGTH);
        if (state.isEmpty() && error.isEmpty() && title.isEmpty() && version.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RolloutReport(type, state, error, title, version));
    }

    private static Optional<String> latest(final List<JsonObject> objects, final String key, final int max) {
        Optional<String> latest = Optional.empty();
        for (final JsonObject object : objects) {
            final Optional<String> value = text(object, key, max);
            if (value.isPresent()) {
                latest = value;
            }
        }
        return latest;
    }

    /** A scalar value as text (a device may send a version as a number), cut to {@code max} characters. */
    private static Optional<String> text(final JsonObject object, final String key, final int max) {
        final JsonElement value = object.get(key);
        if (value == null || !value.isJsonPrimitive()) {
            return Optional.empty();
        }
        final String text = value.getAsString();
        return Optional.of(text.length() > max ? text.substring(0, max) : text);
    }

    private static boolean mentionsRolloutKey(final byte[] payload) {
        final byte[] fw = "fw_".getBytes(StandardCharsets.US_ASCII);
        final byte[] sw = "sw_".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + 2 < payload.length; i++) {
            if (payload[i + 1] == fw[1] && payload[i + 2] == fw[2] && (payload[i] == fw[0] || payload[i] == sw[0])) {
                return true;
            }
        }
        return false;
    }
}

package io.hiveiot.firmware.rollout;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.hiveiot.firmware.pkg.PackageType;

import java.io.IOException;
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
 * finds nothing. It is as lenient as ThingsBoard's parser in what matters for devices (unquoted names, single
 * quotes, comments). Later values of a key win, as the stored latest value would.
 */
public final class TelemetryReader {

    static final int MAX_STATE_LENGTH = 64;
    static final int MAX_ERROR_LENGTH = 1024;
    static final int MAX_NAME_LENGTH = 255;

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES, JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_YAML_COMMENTS)
            .build();

    private TelemetryReader() {
    }

    /** The reports in the payload, one per package type mentioned; empty for ordinary telemetry. */
    public static List<RolloutReport> read(final byte[] payload) {
        return parse(payload).map(TelemetryReader::reports).orElse(List.of());
    }

    /**
     * The reports in a gateway's telemetry, {@code {"A":[{..}, {"ts":..,"values":{..}}],"B":[..]}}, by sub-device
     * name; sub-devices without rollout keys are left out.
     */
    public static Map<String, List<RolloutReport>> readGateway(final byte[] payload) {
        final Optional<JsonNode> root = parse(payload).filter(JsonNode::isObject);
        if (root.isEmpty()) {
            return Map.of();
        }
        final Map<String, List<RolloutReport>> reports = new LinkedHashMap<>();
        root.get().properties().forEach(device -> {
            if (device.getValue().isArray()) {
                final List<RolloutReport> found = reports(device.getValue());
                if (!found.isEmpty()) {
                    reports.put(device.getKey(), found);
                }
            }
        });
        return reports;
    }

    /** The payload as JSON, unless it has no rollout key at all (most telemetry) or does not parse. */
    private static Optional<JsonNode> parse(final byte[] payload) {
        // Skip the parse unless "fw_" or "sw_" occurs at all.
        if (!mentionsRolloutKey(payload)) {
            return Optional.empty();
        }
        try (JsonParser parser = JSON.createParser(payload)) {
            return Optional.ofNullable(JSON.readTree(parser));
        } catch (final IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static List<RolloutReport> reports(final JsonNode root) {
        final List<JsonNode> objects = new ArrayList<>();
        collect(root, objects);
        final var reports = new ArrayList<RolloutReport>();
        for (final PackageType type : PackageType.values()) {
            report(type, objects).ifPresent(reports::add);
        }
        return reports;
    }

    private static void collect(final JsonNode node, final List<JsonNode> objects) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            node.forEach(element -> {
                if (element.isObject()) {
                    objects.add(values(element));
                }
            });
        } else if (node.isObject()) {
            objects.add(values(node));
        }
    }

    private static JsonNode values(final JsonNode object) {
        return object.has("ts") && object.path("values").isObject() ? object.get("values") : object;
    }

    private static Optional<RolloutReport> report(final PackageType type, final List<JsonNode> objects) {
        final Optional<String> state = latest(objects, type.key("state"), MAX_STATE_LENGTH);
        final Optional<String> error = latest(objects, type.key("error"), MAX_ERROR_LENGTH);
        final Optional<String> title = latest(objects, "current_" + type.key("title"), MAX_NAME_LENGTH);
        final Optional<String> version = latest(objects, "current_" + type.key("version"), MAX_NAME_LENGTH);
        if (state.isEmpty() && error.isEmpty() && title.isEmpty() && version.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RolloutReport(type, state, error, title, version));
    }

    private static Optional<String> latest(final List<JsonNode> objects, final String key, final int max) {
        Optional<String> latest = Optional.empty();
        for (final JsonNode object : objects) {
            final Optional<String> value = text(object, key, max);
            if (value.isPresent()) {
                latest = value;
            }
        }
        return latest;
    }

    /** A scalar value as text (a device may send a version as a number), cut to {@code max} characters. */
    private static Optional<String> text(final JsonNode object, final String key, final int max) {
        final JsonNode value = object.get(key);
        if (value == null || !value.isValueNode() || value.isNull()) {
            return Optional.empty();
        }
        final String text = value.asText();
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

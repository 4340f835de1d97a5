package io.hiveiot.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hiveiot.testkit.RequiredTool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A scrape parsed by Prometheus's own Python client (Debian's python3-prometheus-client), the parser a scraper
 * would trust, not by this project's code. A scrape it cannot parse fails the test.
 */
final class PrometheusText {

    private static final String PARSE = String.join(
            "\n",
            "import json, sys",
            "from prometheus_client.parser import text_string_to_metric_families",
            "out = {}",
            "for family in text_string_to_metric_families(sys.stdin.read()):",
            "    samples = [{'name': s.name, 'labels': s.labels, 'value': s.value} for s in family.samples]",
            "    out[family.name] = {'type': family.type, 'samples': samples}",
            "json.dump(out, sys.stdout)");

    private final JsonNode families;

    private PrometheusText(final JsonNode families) {
        this.families = families;
    }

    static PrometheusText parse(final String scrape) throws IOException, InterruptedException {
        final Path python = RequiredTool.at("/usr/bin/python3", "apt-get install python3");
        final Process process = new ProcessBuilder(python.toString(), "-c", PARSE).start();
        process.getOutputStream().write(scrape.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        final byte[] out = process.getInputStream().readAllBytes();
        final String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the parser did not finish");
        }
        RequiredTool.require(
                !err.contains("No module named 'prometheus_client'"),
                "Python's Prometheus parser is missing (apt-get install python3-prometheus-client)");
        if (process.exitValue() != 0) {
            final Path saved = Files.createTempFile("scrape", ".txt");
            Files.writeString(saved, scrape);
            throw new AssertionError("Prometheus's parser refused the scrape (saved to " + saved + "): " + err);
        }
        return new PrometheusText(new ObjectMapper().readTree(out));
    }

    boolean has(final String family) {
        return families.has(family);
    }

    String type(final String family) {
        return families.path(family).path("type").asText();
    }

    int familyCount() {
        return families.size();
    }

    /** The value of the family's sample without labels. */
    double value(final String family) {
        for (final JsonNode sample : families.path(family).path("samples")) {
            if (sample.path("labels").isEmpty()) {
                return sample.path("value").asDouble();
            }
        }
        throw new AssertionError("no sample of " + family);
    }

    Map<String, String> types() {
        final Map<String, String> types = new HashMap<>();
        families.fields()
                .forEachRemaining(entry ->
                        types.put(entry.getKey(), entry.getValue().path("type").asText()));
        return types;
    }
}

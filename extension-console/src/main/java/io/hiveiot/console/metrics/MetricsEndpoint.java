package io.hiveiot.console.metrics;

import com.codahale.metrics.MetricRegistry;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.hiveiot.console.http.Reply;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.dropwizard.DropwizardExports;
import io.prometheus.client.exporter.common.TextFormat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * {@code /metrics}: every metric of the broker's registry (HiveMQ's own and every extension's) in the Prometheus
 * text format, or OpenMetrics when the scraper asks for it. The Prometheus client's Dropwizard bridge does the
 * naming and the writing, as in HiveMQ's Prometheus extension: {@code com.hivemq.messages.incoming.total.count}
 * becomes {@code com_hivemq_messages_incoming_total_count}, {@code hive-iot.auth.connects.accepted}
 * {@code hive_iot_auth_connects_accepted}.
 */
public final class MetricsEndpoint implements HttpHandler {

    private final CollectorRegistry collectors = new CollectorRegistry(true);

    public MetricsEndpoint(final MetricRegistry registry) {
        collectors.register(new DropwizardExports(registry));
    }

    @Override
    public void handle(final HttpExchange exchange) throws IOException {
        final String contentType =
                TextFormat.chooseContentType(exchange.getRequestHeaders().getFirst("Accept"));
        final StringWriter text = new StringWriter();
        write(contentType, text);
        Reply.bytes(exchange, 200, contentType, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void write(final String contentType, final Writer out) throws IOException {
        TextFormat.writeFormat(contentType, out, collectors.metricFamilySamples());
    }
}

package io.hiveiot.benchmarks.firmware;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import io.hiveiot.benchmarks.load.DeviceClient;

import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bare broker's firmware server: a client of the load generator subscribed to every device's chunk requests
 * ({@code bench/+/fw/request/+}, or a shared subscription of it when several servers split the requests) that answers
 * each with the same bytes hive-iot would send, a view into the package (no copy), QoS 1 like hive-iot's answers. The broker routes requests and chunks: this is the floor a firmware
 * download over MQTT is measured against.
 */
public final class PlainChunkServer {

    private final DeviceClient client;
    private final FirmwarePackage pkg;
    private final String filter;
    private final LongAdder refused = new LongAdder();

    /** Installs the request handler; {@link #start} connects and subscribes. */
    public PlainChunkServer(final DeviceClient client, final FirmwarePackage pkg, final String filter) {
        this.client = client;
        this.pkg = pkg;
        this.filter = filter;
        client.onMessage(this::request);
    }

    public CompletableFuture<Void> start() {
        return client.connect().thenCompose(connected -> client.subscribe(filter, MqttQos.AT_LEAST_ONCE));
    }

    /** Chunk publishes the broker refused (or requests that were not chunk requests). */
    public long refused() {
        return refused.sum();
    }

    public CompletableFuture<Void> stop() {
        return client.disconnect();
    }

    private void request(final String topic, final byte[] payload) {
        final OptionalInt size = FirmwareMessages.chunkSize(payload);
        final var answer = FirmwareMessages.plainResponseTopic(topic);
        if (size.isEmpty() || answer.isEmpty()) {
            refused.increment();
            return;
        }
        client.publish(
                        answer.get(),
                        pkg.chunk(FirmwareMessages.chunkIndex(topic), size.getAsInt()),
                        MqttQos.AT_LEAST_ONCE)
                .thenAccept(failure -> failure.ifPresent(reason -> refused.increment()));
    }
}

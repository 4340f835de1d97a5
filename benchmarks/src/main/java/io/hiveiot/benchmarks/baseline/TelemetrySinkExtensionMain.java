package io.hiveiot.benchmarks.baseline;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The extension SDK's own ceiling for telemetry, next to the bare broker: an async {@code PublishInboundInterceptor}
 * consumes every {@code v1/devices/me/telemetry} publish the way extension-device-api does (async output, then
 * {@code preventPublishDelivery} and {@code resume} from one thread of its own, as hive-iot resumes from its single
 * writer), and stores nothing. Benchmark-only code: written into a benchmark's temporary extensions folder by
 * {@link BaselineExtension#TELEMETRY_SINK}, beside the allow-all extension. One class: lambdas only, since an inner
 * class would be a second class file the jar does not hold.
 */
public final class TelemetrySinkExtensionMain implements ExtensionMain {

    private static final String TOPIC = "v1/devices/me/telemetry";

    private ExecutorService resumer;

    @Override
    public void extensionStart(final ExtensionStartInput input, final ExtensionStartOutput output) {
        final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
            final var daemon = new Thread(runnable, "bench-telemetry-sink");
            daemon.setDaemon(true);
            return daemon;
        });
        resumer = thread;
        final PublishInboundInterceptor consume = (publishInput, publishOutput) -> {
            if (TOPIC.equals(publishInput.getPublishPacket().getTopic())) {
                final Async<PublishInboundOutput> async =
                        publishOutput.async(Duration.ofSeconds(60), TimeoutFallback.FAILURE);
                thread.execute(() -> {
                    async.getOutput().preventPublishDelivery();
                    async.resume();
                });
            }
        };
        Services.initializerRegistry()
                .setClientInitializer((initializerInput, client) -> client.addPublishInboundInterceptor(consume));
    }

    @Override
    public void extensionStop(final ExtensionStopInput input, final ExtensionStopOutput output) {
        if (resumer != null) {
            resumer.shutdownNow();
        }
    }
}

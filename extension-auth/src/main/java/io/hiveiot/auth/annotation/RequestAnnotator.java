package io.hiveiot.auth.annotation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.ModifiablePublishPacket;
import io.hiveiot.kit.api.ApiTopic;
import io.hiveiot.kit.api.DeviceAnnotation;
import io.hiveiot.kit.api.PayloadBytes;
import io.hiveiot.kit.identity.ClientIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Annotates an application's requests to the other extensions' services: removes every
 * {@value DeviceAnnotation#KEY} user property the client sent, and for a request whose
 * {@code args.device} names a device, attaches the {@link DeviceAnnotation} resolved within the
 * requester's own account. It runs before the consuming extension (higher priority), which then
 * trusts the annotation. Works for MQTT 3.1.1 clients too: HiveMQ keeps user properties an
 * interceptor adds on the publish for the interceptors after it.
 */
public final class RequestAnnotator implements PublishInboundInterceptor {

    private static final Logger log = LoggerFactory.getLogger(RequestAnnotator.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DeviceDirectory directory;
    private final Duration lookupTimeout;

    public RequestAnnotator(final DeviceDirectory directory, final Duration lookupTimeout) {
        this.directory = directory;
        this.lookupTimeout = lookupTimeout;
    }

    @Override
    public void onInboundPublish(final PublishInboundInput input, final PublishInboundOutput output) {
        try {
            final ModifiablePublishPacket publish = output.getPublishPacket();
            final Optional<ApiTopic> topic = ApiTopic.parseRequest(publish.getTopic());
            if (topic.isEmpty() || topic.get().service().equals("registry")) {
                return;
            }
            publish.getUserProperties().removeName(DeviceAnnotation.KEY);
            final Optional<ClientIdentity> requester =
                    ClientIdentity.readFrom(input.getConnectionInformation().getConnectionAttributeStore());
            final Optional<String> device = deviceArgument(publish.getPayload());
            if (requester.isEmpty()
                    || device.isEmpty()
                    || !topic.get().account().equals(requester.get().account())) {
                return;
            }
            final String account = requester.get().account();
            final CompletableFuture<Optional<String>> lookup = directory
                    .deviceId(account, device.get())
                    .orTimeout(lookupTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (lookup.isDone()) {
                annotate(publish, account, device.get(), lookup);
                return;
            }
            final Async<PublishInboundOutput> async =
                    output.async(lookupTimeout.plusSeconds(5), TimeoutFallback.SUCCESS);
            lookup.whenComplete((id, error) -> {
                try {
                    annotate(async.getOutput().getPublishPacket(), account, device.get(), lookup);
                } finally {
                    async.resume();
                }
            });
        } catch (final RuntimeException e) {
            log.warn("hive-iot-auth: request not annotated: {}", e.toString());
        }
    }

    private static void annotate(
            final ModifiablePublishPacket publish,
            final String account,
            final String device,
            final CompletableFuture<Optional<String>> lookup) {
        final boolean failed = lookup.isCompletedExceptionally();
        final Optional<String> deviceId = failed ? Optional.empty() : lookup.join();
        publish.getUserProperties()
                .addUserProperty(
                        DeviceAnnotation.KEY, new DeviceAnnotation(account, device, deviceId, failed).toJson());
    }

    /** {@code args.device} of a {@code {"op":..,"args":{..}}} request; empty for anything else. */
    private static Optional<String> deviceArgument(final Optional<ByteBuffer> payload) {
        try {
            final JsonNode device =
                    JSON.readTree(PayloadBytes.of(payload)).path("args").path("device");
            return device.isTextual() ? Optional.of(device.asText()) : Optional.empty();
        } catch (final IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}

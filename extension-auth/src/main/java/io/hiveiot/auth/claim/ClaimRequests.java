package io.hiveiot.auth.claim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import io.hiveiot.kit.api.PayloadBytes;
import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.identity.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A device's claim request on {@code v1/devices/me/claim}: {@code {"secretKey":..,"durationMs":..}},
 * both optional, an empty payload allowed (secret {@code ""}, one day), {@code durationMs} also as
 * a numeric string. Acknowledged once the claim is stored (ThingsBoard acknowledges on receipt); a
 * payload that is not such JSON is a bad payload (MQTT 5: PUBACK 0x99; MQTT 3.1.1: disconnect).
 */
public final class ClaimRequests implements PublishInboundInterceptor {

    public static final String TOPIC = "v1/devices/me/claim";

    private static final Logger log = LoggerFactory.getLogger(ClaimRequests.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(10);

    private final Claims claims;

    public ClaimRequests(final Claims claims) {
        this.claims = claims;
    }

    private record Claim(String secret, long durationMs) {
    }

    @Override
    public void onInboundPublish(final PublishInboundInput input, final PublishInboundOutput output) {
        if (!input.getPublishPacket().getTopic().equals(TOPIC)) {
            return;
        }
        try {
            final Optional<ClientIdentity> device = ClientIdentity.readFrom(
                    input.getConnectionInformation().getConnectionAttributeStore())
                    .filter(identity -> identity.role() == Role.DEVICE);
            if (device.isEmpty()) {
                output.preventPublishDelivery(AckReasonCode.NOT_AUTHORIZED, "only devices claim themselves");
                return;
            }
            final Optional<Claim> claim = parse(input.getPublishPacket().getPayload());
            if (claim.isEmpty()) {
                output.preventPublishDelivery(AckReasonCode.PAYLOAD_FORMAT_INVALID,
                        "a claim is {\"secretKey\":..,\"durationMs\":..}, both optional");
                return;
            }
            // Acknowledged once stored: our own timeout answers long before the broker's fallback would.
            final Async<PublishInboundOutput> async = output.async(STORE_TIMEOUT.plusSeconds(20),
                    TimeoutFallback.FAILURE);
            claims.open(device.get().deviceId(), claim.get().secret(), claim.get().durationMs())
                    .orTimeout(STORE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((opened, error) -> {
                        try {
                            if (error == null) {
                                async.getOutput().preventPublishDelivery();
                            } else {
                                log.warn("hive-iot-auth: claim of device {} not stored: {}",
                                        device.get().deviceId(), error.toString());
                                async.getOutput().preventPublishDelivery(AckReasonCode.UNSPECIFIED_ERROR,
                                        "the claim could not be stored; try again");
                            }
                        } finally {
                            async.resume();
                        }
                    });
        } catch (final RuntimeException e) {
            log.error("hive-iot-auth: claim request failed", e);
            output.preventPublishDelivery(AckReasonCode.UNSPECIFIED_ERROR, "the claim could not be handled");
        }
    }

    private static Optional<Claim> parse(final Optional<ByteBuffer> payload) {
        final byte[] bytes = PayloadBytes.of(payload);
        if (bytes.length == 0) {
            return Optional.of(new Claim("", Claims.DEFAULT_DURATION_MS));
        }
        try {
            final JsonNode json = JSON.readTree(bytes);
            if (json == null || !json.isObject()) {
                return Optional.empty();
            }
            final JsonNode secret = json.path("secretKey");
            final JsonNode duration = json.path("durationMs");
            if (!secret.isMissingNode() && !secret.isTextual()) {
                return Optional.empty();
            }
            final long durationMs;
            if (duration.isMissingNode() || duration.isNull()) {
                durationMs = Claims.DEFAULT_DURATION_MS;
            } else if (duration.canConvertToLong() && duration.isIntegralNumber()) {
                durationMs = duration.asLong();
            } else if (duration.isTextual() && duration.asText().matches("[0-9]{1,15}")) {
                durationMs = Long.parseLong(duration.asText());
            } else {
                return Optional.empty();
            }
            return durationMs > 0 ? Optional.of(new Claim(secret.asText(""), durationMs)) : Optional.empty();
        } catch (final IOException e) {
            return Optional.empty();
        }
    }
}

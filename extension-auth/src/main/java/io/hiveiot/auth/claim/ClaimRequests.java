package io.hiveiot.auth.claim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import io.hiveiot.kit.api.PayloadBytes;
import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.identity.Role;
import io.hiveiot.kit.publish.CommittedAnswer;
import io.hiveiot.kit.publish.Verdict;
import io.hiveiot.kit.thingsboard.DeviceTopic;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * A device's claim request on {@code v1/devices/me/claim}: {@code {"secretKey":..,"durationMs":..}},
 * both optional, an empty payload allowed (secret {@code ""}, one day), {@code durationMs} also as
 * a numeric string. Acknowledged once the claim is stored (ThingsBoard acknowledges on receipt); a
 * payload that is not such JSON is a bad payload (MQTT 5: PUBACK 0x99; MQTT 3.1.1: disconnect).
 */
public final class ClaimRequests implements PublishInboundInterceptor {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Claims claims;
    private final CommittedAnswer committed;

    public ClaimRequests(final Claims claims, final CommittedAnswer committed) {
        this.claims = claims;
        this.committed = committed;
    }

    record Claim(String secret, long durationMs) {}

    @Override
    public void onInboundPublish(final PublishInboundInput input, final PublishInboundOutput output) {
        if (!input.getPublishPacket().getTopic().equals(DeviceTopic.CLAIM)) {
            return;
        }
        final String clientId = input.getClientInformation().getClientId();
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
                output.preventPublishDelivery(
                        AckReasonCode.PAYLOAD_FORMAT_INVALID,
                        "a claim is {\"secretKey\":..,\"durationMs\":..}, both optional");
                return;
            }
            committed.consume(
                    output,
                    input.getPublishPacket().getQos(),
                    DeviceTopic.CLAIM,
                    clientId,
                    () -> claims.open(
                                    device.get().deviceId(),
                                    claim.get().secret(),
                                    claim.get().durationMs())
                            .thenApply(opened -> Verdict.ACCEPTED));
        } catch (final RuntimeException e) {
            committed.internalError(output, DeviceTopic.CLAIM, clientId, e);
        }
    }

    private static Optional<Claim> parse(final Optional<ByteBuffer> payload) {
        final byte[] bytes = PayloadBytes.of(payload);
        if (bytes.length == 0) {
            return Optional.of(new Claim("", Claims.DEFAULT_DURATION_MS));
        }
        try {
            return parse(JSON.readTree(bytes));
        } catch (final IOException e) {
            return Optional.empty();
        }
    }

    /** One claim object, {@code {"secretKey":..,"durationMs":..}} with both optional. */
    static Optional<Claim> parse(final JsonNode json) {
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
    }
}

package io.hiveiot.auth.claim;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import io.hiveiot.kit.publish.CommittedAnswer;
import io.hiveiot.kit.publish.Verdict;
import io.hiveiot.kit.thingsboard.GatewayTopic;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A gateway's claims for its sub-devices on {@code v1/gateway/claim}: {@code {"A":{"secretKey":..,"durationMs":..}}},
 * each value as a device's own claim on {@code v1/devices/me/claim}. Acknowledged once every claim is stored; a
 * value that is no claim object refuses the whole publish as a bad payload.
 */
public final class GatewayClaims {

    /** The sub-devices a claim names, resolved, or why the gateway may not claim for them. */
    public record Resolved(Map<String, String> ids, Verdict verdict) {
    }

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES, JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .build();

    private final Claims claims;
    private final CommittedAnswer committed;

    public GatewayClaims(final Claims claims, final CommittedAnswer committed) {
        this.claims = claims;
        this.committed = committed;
    }

    public void badPayload(final PublishInboundOutput output, final String reason) {
        output.preventPublishDelivery(AckReasonCode.PAYLOAD_FORMAT_INVALID, reason);
    }

    /**
     * @param resolve resolves (and creates) the sub-devices the payload names for this gateway; called only once
     *                the payload is known to be good, so a refused claim creates nothing
     */
    public void claim(final PublishInboundOutput output, final Qos qos, final String clientId, final byte[] payload,
                      final Supplier<CompletableFuture<Resolved>> resolve) {
        final Map<String, ClaimRequests.Claim> requested = new LinkedHashMap<>();
        try {
            final JsonNode json = JSON.readTree(payload);
            if (json == null || !json.isObject()) {
                badPayload(output, "a gateway claim is a JSON object of device names");
                return;
            }
            for (final var entry : json.properties()) {
                final var claim = ClaimRequests.parse(entry.getValue());
                if (claim.isEmpty()) {
                    badPayload(output, "the claim of '" + entry.getKey()
                            + "' is {\"secretKey\":..,\"durationMs\":..}, both optional");
                    return;
                }
                requested.put(entry.getKey(), claim.get());
            }
        } catch (final IOException e) {
            badPayload(output, "a gateway claim is a JSON object of device names");
            return;
        }
        committed.consume(output, qos, GatewayTopic.CLAIM, clientId, () -> resolve.get().thenCompose(devices -> {
            if (!devices.verdict().accepted()) {
                return CompletableFuture.completedFuture(devices.verdict());
            }
            final List<CompletableFuture<Boolean>> opened = new ArrayList<>();
            requested.forEach((name, claim) -> opened.add(claims.open(devices.ids().get(name), claim.secret(),
                    claim.durationMs())));
            return CompletableFuture.allOf(opened.toArray(CompletableFuture[]::new))
                    .thenApply(done -> Verdict.ACCEPTED);
        }));
    }
}

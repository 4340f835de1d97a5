package io.hiveiot.auth.claim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import io.hiveiot.kit.publish.CommittedAnswer;
import io.hiveiot.kit.publish.Verdict;
import io.hiveiot.kit.thingsboard.GatewayTopic;
import io.hiveiot.kit.thingsboard.LenientJson;

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
    public record Resolved(Map<String, String> ids, Verdict verdict) {}

    private static final ObjectMapper JSON = new ObjectMapper();

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
    public void claim(
            final PublishInboundOutput output,
            final Qos qos,
            final String clientId,
            final byte[] payload,
            final Supplier<CompletableFuture<Resolved>> resolve) {
        final Map<String, ClaimRequests.Claim> requested = new LinkedHashMap<>();
        try {
            final JsonElement json = JsonParser.parseReader(LenientJson.reader(payload));
            if (!json.isJsonObject()) {
                badPayload(output, "a gateway claim is a JSON object of device names");
                return;
            }
            for (final var entry : json.getAsJsonObject().entrySet()) {
                final var claim = ClaimRequests.parse(claimMembers(entry.getValue()));
                if (claim.isEmpty()) {
                    badPayload(
                            output,
                            "the claim of '" + entry.getKey()
                                    + "' is {\"secretKey\":..,\"durationMs\":..}, both optional");
                    return;
                }
                requested.put(entry.getKey(), claim.get());
            }
        } catch (final IOException | JsonParseException e) {
            badPayload(output, "a gateway claim is a JSON object of device names");
            return;
        }
        committed.consume(
                output,
                qos,
                GatewayTopic.CLAIM,
                clientId,
                () -> resolve.get().thenCompose(devices -> {
                    if (!devices.verdict().accepted()) {
                        return CompletableFuture.completedFuture(devices.verdict());
                    }
                    final List<CompletableFuture<Boolean>> opened = new ArrayList<>();
                    requested.forEach((name, claim) ->
                            opened.add(claims.open(devices.ids().get(name), claim.secret(), claim.durationMs())));
                    return CompletableFuture.allOf(opened.toArray(CompletableFuture[]::new))
                            .thenApply(done -> Verdict.ACCEPTED);
                }));
    }

    /**
     * The members a claim reads, as the tree a device's own claim is checked in. Only they are converted from the
     * lenient reader's tree: a member nested deeper is of the wrong kind whatever it holds.
     */
    private static JsonNode claimMembers(final JsonElement value) throws IOException {
        if (!value.isJsonObject()) {
            return NullNode.getInstance();
        }
        final ObjectNode claim = JSON.createObjectNode();
        for (final String name : List.of("secretKey", "durationMs")) {
            final JsonElement member = value.getAsJsonObject().get(name);
            if (member != null) {
                claim.set(
                        name,
                        member.isJsonPrimitive() || member.isJsonNull()
                                ? JSON.readTree(member.toString())
                                : JSON.createArrayNode());
            }
        }
        return claim;
    }
}

package io.hiveiot.auth.gateway;

import com.codahale.metrics.Counter;
import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.ModifiablePublishPacket;
import io.hiveiot.auth.claim.GatewayClaims;
import io.hiveiot.kit.api.PayloadBytes;
import io.hiveiot.kit.database.StoreOverloadedException;
import io.hiveiot.kit.publish.Verdict;
import io.hiveiot.kit.thingsboard.DeviceProfile;
import io.hiveiot.kit.thingsboard.GatewayNames;
import io.hiveiot.kit.thingsboard.GatewayTopic;
import io.hiveiot.kit.thingsboard.SubDevices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * A gateway connection's publishes on {@code v1/gateway/...}, before any other extension sees them: removes the
 * reserved user properties {@value SubDevices#KEY} and {@value SubDevices#FIRMWARE_KEYS} if the client sent them,
 * resolves the sub-devices the payload names within the gateway's account (creating new ones, as ThingsBoard does)
 * and attaches them as {@link SubDevices}, which the later extensions then trust. A name the gateway may not use
 * refuses the whole publish (MQTT 5: reason code and string; MQTT 3.1.1: disconnect), so nothing of it is stored.
 * Connects and disconnects sub-devices for their connection status. {@code v1/gateway/claim} is served here, since
 * this extension owns claiming. A payload whose names cannot be read is left unannotated, for hive-iot-device-api to
 * refuse as the bad payload it is.
 */
final class GatewayRequests implements PublishInboundInterceptor {

    private static final Logger log = LoggerFactory.getLogger(GatewayRequests.class);

    private final GatewaySessions.Session session;
    private final DeviceProfile.PayloadType payloadType;
    private final SubDeviceStore store;
    private final GatewaySessions sessions;
    private final GatewayClaims claims;
    private final Duration timeout;
    private final Counter created;
    private final Counter refused;

    GatewayRequests(
            final GatewaySessions.Session session,
            final DeviceProfile.PayloadType payloadType,
            final SubDeviceStore store,
            final GatewaySessions sessions,
            final GatewayClaims claims,
            final Duration timeout,
            final Counter created,
            final Counter refused) {
        this.session = session;
        this.payloadType = payloadType;
        this.store = store;
        this.sessions = sessions;
        this.claims = claims;
        this.timeout = timeout;
        this.created = created;
        this.refused = refused;
    }

    @Override
    public void onInboundPublish(final PublishInboundInput input, final PublishInboundOutput output) {
        final ModifiablePublishPacket publish = output.getPublishPacket();
        final String topic = publish.getTopic();
        if (!GatewayTopic.isGateway(topic)) {
            return;
        }
        try {
            publish.getUserProperties().removeName(SubDevices.KEY);
            publish.getUserProperties().removeName(SubDevices.FIRMWARE_KEYS);
            final byte[] payload = PayloadBytes.of(publish.getPayload());
            final Optional<List<String>> names = GatewayNames.of(topic, payload, payloadType);
            if (topic.equals(GatewayTopic.CLAIM) && payloadType == DeviceProfile.PayloadType.PROTOBUF) {
                claims.badPayload(output, "gateway claims are JSON only");
                return;
            }
            if (names.isEmpty() || names.get().isEmpty()) {
                if (topic.equals(GatewayTopic.CLAIM)) {
                    claims.badPayload(output, "a gateway claim is a JSON object of device names");
                }
                return;
            }
            if (topic.equals(GatewayTopic.CLAIM)) {
                claims.claim(
                        output,
                        publish.getQos(),
                        input.getClientInformation().getClientId(),
                        payload,
                        () -> resolve(names.get()).thenApply(this::verdict));
                return;
            }
            final CompletableFuture<Map<String, SubDeviceStore.Outcome>> resolution = resolve(names.get());
            if (resolution.isDone()) {
                annotate(output, topic, resolution);
                return;
            }
            final Async<PublishInboundOutput> async = output.async(
                    timeout.plusSeconds(5),
                    TimeoutFallback.FAILURE,
                    AckReasonCode.UNSPECIFIED_ERROR,
                    "sub-devices not resolved in time");
            resolution.whenComplete((done, failure) -> {
                try {
                    annotate(async.getOutput(), topic, resolution);
                } finally {
                    async.resume();
                }
            });
        } catch (final RuntimeException e) {
            log.error(
                    "hive-iot-auth: gateway publish of {} on {} not handled",
                    session.gateway().deviceId(),
                    topic,
                    e);
            output.preventPublishDelivery(AckReasonCode.UNSPECIFIED_ERROR, "internal error");
        }
    }

    private CompletableFuture<Map<String, SubDeviceStore.Outcome>> resolve(final List<String> names) {
        return store.resolve(session.gateway().account(), session.gateway().deviceId(), names, created::inc)
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void annotate(
            final PublishInboundOutput output,
            final String topic,
            final CompletableFuture<Map<String, SubDeviceStore.Outcome>> resolution) {
        final Verdict verdict;
        try {
            verdict = verdict(resolution.join()).verdict();
        } catch (final CompletionException e) {
            final Verdict failed = failed(e.getCause());
            output.preventPublishDelivery(failed.code(), failed.reason());
            return;
        }
        if (!verdict.accepted()) {
            output.preventPublishDelivery(verdict.code(), verdict.reason());
            return;
        }
        final Map<String, String> ids = ids(resolution.join());
        if (topic.equals(GatewayTopic.DISCONNECT)) {
            ids.values().forEach(id -> sessions.disconnected(session, id));
        } else if (GatewayTopic.connects(topic)) {
            ids.forEach((name, id) -> sessions.connected(session, id, name));
        }
        output.getPublishPacket().getUserProperties().addUserProperty(SubDevices.KEY, new SubDevices(ids).toJson());
    }

    /** The sub-devices, or the first refusal among the names. */
    private GatewayClaims.Resolved verdict(final Map<String, SubDeviceStore.Outcome> outcomes) {
        for (final Map.Entry<String, SubDeviceStore.Outcome> entry : outcomes.entrySet()) {
            final SubDeviceStore.Outcome outcome = entry.getValue();
            if (!outcome.accepted()) {
                refused.inc();
                log.debug(
                        "hive-iot-auth: gateway {} refused for '{}': {}",
                        session.gateway().deviceId(),
                        entry.getKey(),
                        outcome.refusal());
                return new GatewayClaims.Resolved(
                        Map.of(),
                        Verdict.refused(
                                outcome.refusal().code(), outcome.refusal().reason(entry.getKey())));
            }
        }
        return new GatewayClaims.Resolved(ids(outcomes), Verdict.ACCEPTED);
    }

    private Verdict failed(final Throwable cause) {
        refused.inc();
        log.debug(
                "hive-iot-auth: sub-devices of gateway {} not resolved: {}",
                session.gateway().deviceId(),
                cause.toString());
        return cause instanceof StoreOverloadedException
                ? Verdict.refused(AckReasonCode.QUOTA_EXCEEDED, "server busy, try again later")
                : Verdict.refused(AckReasonCode.UNSPECIFIED_ERROR, "sub-devices not resolved, try again later");
    }

    private static Map<String, String> ids(final Map<String, SubDeviceStore.Outcome> outcomes) {
        final Map<String, String> ids = new LinkedHashMap<>();
        outcomes.forEach((name, outcome) -> ids.put(name, outcome.deviceId()));
        return ids;
    }
}

package io.hiveiot.auth.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import io.hiveiot.kit.api.PayloadBytes;
import io.hiveiot.kit.api.ReplySubscriptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The device side of a provisioning session: one request on {@code /provision/request} (or the
 * seed's {@code /provision}), answered on {@code /provision/response}, after which the session is
 * closed. A request without key or secret gets PUBACK 0x83 and a disconnect without answer, as
 * ThingsBoard does.
 */
public final class ProvisionRequests implements PublishInboundInterceptor {

    static final String REQUEST = "/provision/request";
    static final String REQUEST_ALIAS = "/provision";
    static final String RESPONSE = "/provision/response";
    private static final String REQUESTED = "hive-iot.auth.provision-requested";
    /** Time for the answer to leave before the session closes. */
    private static final Duration CLOSE_DELAY = Duration.ofSeconds(1);
    /** Time for the PUBACK of a refused request to leave before the session closes. */
    private static final Duration PUBACK_DELAY = Duration.ofMillis(200);

    private static final Logger log = LoggerFactory.getLogger(ProvisionRequests.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Provisioner provisioner;
    private final ScheduledExecutorService scheduler;

    public ProvisionRequests(final Provisioner provisioner, final ScheduledExecutorService scheduler) {
        this.provisioner = provisioner;
        this.scheduler = scheduler;
    }

    @Override
    public void onInboundPublish(final PublishInboundInput input, final PublishInboundOutput output) {
        final String topic = input.getPublishPacket().getTopic();
        if (!topic.equals(REQUEST) && !topic.equals(REQUEST_ALIAS)) {
            return;
        }
        final String clientId = input.getClientInformation().getClientId();
        try {
            final ConnectionAttributeStore connection =
                    input.getConnectionInformation().getConnectionAttributeStore();
            final Optional<Provisioner.Request> request =
                    parse(input.getPublishPacket().getPayload());
            if (request.isEmpty()) {
                output.preventPublishDelivery(
                        AckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR,
                        "provisionDeviceKey and provisionDeviceSecret are required");
                closeSoon(clientId, PUBACK_DELAY);
                return;
            }
            output.preventPublishDelivery();
            if (connection.get(REQUESTED).isPresent()) {
                return;
            }
            connection.putAsString(REQUESTED, "1");
            provisioner.provision(request.get()).thenAccept(response -> answer(connection, clientId, response));
        } catch (final RuntimeException e) {
            log.error("hive-iot-auth: provisioning request failed", e);
            output.preventPublishDelivery(AckReasonCode.UNSPECIFIED_ERROR, "the request could not be handled");
        }
    }

    private static Optional<Provisioner.Request> parse(final Optional<ByteBuffer> payload) {
        try {
            final JsonNode json = JSON.readTree(PayloadBytes.of(payload));
            return json == null ? Optional.empty() : Provisioner.Request.parse(json);
        } catch (final IOException e) {
            return Optional.empty();
        }
    }

    private void answer(final ConnectionAttributeStore connection, final String clientId, final ObjectNode response) {
        final var publish = Builders.publish()
                .topic(RESPONSE)
                .qos(Qos.AT_LEAST_ONCE)
                .payload(ByteBuffer.wrap(response.toString().getBytes(StandardCharsets.UTF_8)))
                .build();
        ReplySubscriptions.ensure(connection, clientId, RESPONSE)
                .thenCompose(done -> Services.publishService().publishToClient(publish, clientId))
                .whenComplete((result, error) -> closeSoon(clientId, CLOSE_DELAY));
    }

    /** Closes the session once what is on its way to the client (a PUBACK, the answer) has left. */
    private void closeSoon(final String clientId, final Duration delay) {
        scheduler.schedule(
                () -> Services.clientService().disconnectClient(clientId), delay.toMillis(), TimeUnit.MILLISECONDS);
    }
}

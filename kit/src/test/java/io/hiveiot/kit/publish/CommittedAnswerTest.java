package io.hiveiot.kit.publish;

import com.codahale.metrics.MetricRegistry;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import io.hiveiot.kit.database.StoreOverloadedException;
import io.hiveiot.testkit.Await;
import io.hiveiot.testkit.HiveMqBroker;
import io.hiveiot.testkit.Publishes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed answer against a real broker: an extension consumes {@code work/<outcome>} publishes with work
 * that ends as the topic says, and real MQTT 5 and 3.1.1 clients see the acknowledgement it makes.
 */
class CommittedAnswerTest {

    private static final MetricRegistry METRICS = new MetricRegistry();
    private static final Duration ASYNC_TIMEOUT = Duration.ofSeconds(1);
    private static final Executor LATER = CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS);
    private static final Executor AFTER_TIMEOUT = CompletableFuture.delayedExecutor(1500, TimeUnit.MILLISECONDS);

    @RegisterExtension
    static final HiveMqBroker broker = HiveMqBroker.builder()
            .embeddedExtension("committed-answer-test", 100, home -> new WorkExtension())
            .build();

    @Test
    void acceptedWork_isAcknowledgedWithSuccess_andNeverRouted() throws Exception {
        final Mqtt5BlockingClient client = connected5("accepting");
        final Mqtt5BlockingClient listener = connected5("listener");
        listener.subscribeWith().topicFilter("work/#").send();
        try (var received = listener.publishes(MqttGlobalPublishFilter.ALL)) {
            assertEquals(
                    Mqtt5PubAckReasonCode.SUCCESS,
                    Publishes.qos1(client, "work/accept", "x").getReasonCode());
            assertEquals(
                    Mqtt5PubAckReasonCode.SUCCESS,
                    Publishes.qos1(client, "work/accept-later", "x").getReasonCode());
            assertTrue(received.receive(300, TimeUnit.MILLISECONDS).isEmpty());
        }
    }

    @Test
    void passedOnPublish_isRoutedOnlyOnceItsWorkIsDone_andNeverWhenRefused() throws Exception {
        final Mqtt5BlockingClient client = connected5("passing");
        final Mqtt5BlockingClient listener = connected5("pass-listener");
        listener.subscribeWith().topicFilter("pass/#").send();
        try (var received = listener.publishes(MqttGlobalPublishFilter.ALL)) {
            assertEquals(
                    Mqtt5PubAckReasonCode.SUCCESS,
                    Publishes.qos1(client, "pass/accept-later", "x").getReasonCode());
            assertEquals(
                    "pass/accept-later",
                    received.receive(5, TimeUnit.SECONDS)
                            .orElseThrow()
                            .getTopic()
                            .toString());
            assertEquals(
                    Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID,
                    Publishes.qos1(client, "pass/refuse", "x").getReasonCode());
            assertEquals(
                    Mqtt5PubAckReasonCode.UNSPECIFIED_ERROR,
                    Publishes.qos1(client, "pass/fail-later", "x").getReasonCode());
            assertTrue(received.receive(300, TimeUnit.MILLISECONDS).isEmpty());
        }
    }

    @Test
    void refusedWork_carriesItsCodeAndReason_toMqtt5() throws Exception {
        final Mqtt5PubAck ack = Publishes.qos1(connected5("refused"), "work/refuse", "x");
        assertEquals(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID, ack.getReasonCode());
        assertEquals("bad payload", ack.getReasonString().orElseThrow().toString());
    }

    @Test
    void overloadedStore_isQuotaExceeded_andCounted() throws Exception {
        final long before = METRICS.counter("test.refused.overloaded").getCount();
        final Mqtt5PubAck ack = Publishes.qos1(connected5("overloaded"), "work/overload", "x");
        assertEquals(Mqtt5PubAckReasonCode.QUOTA_EXCEEDED, ack.getReasonCode());
        assertEquals(
                "server busy, try again later",
                ack.getReasonString().orElseThrow().toString());
        assertEquals(before + 1, METRICS.counter("test.refused.overloaded").getCount());
    }

    @Test
    void failedWork_isUnspecifiedError_andCounted() throws Exception {
        final long before = METRICS.counter("test.refused.storage-error").getCount();
        final Mqtt5PubAck ack = Publishes.qos1(connected5("failing"), "work/fail-later", "x");
        assertEquals(Mqtt5PubAckReasonCode.UNSPECIFIED_ERROR, ack.getReasonCode());
        assertEquals(
                "not stored, try again later",
                ack.getReasonString().orElseThrow().toString());
        assertEquals(before + 1, METRICS.counter("test.refused.storage-error").getCount());
    }

    @Test
    void workThatThrows_isAnsweredAsAFailure_notAsSuccess() throws Exception {
        assertEquals(
                Mqtt5PubAckReasonCode.UNSPECIFIED_ERROR,
                Publishes.qos1(connected5("throwing"), "work/throw", "x").getReasonCode());
    }

    @Test
    void answerAfterTheAsyncTimeout_isAnErrorNeverASuccess_andCounted() throws Exception {
        final long before = METRICS.counter("test.async-timeouts").getCount();
        final Mqtt5PubAck ack = Publishes.qos1(connected5("slow"), "work/accept-too-late", "x");
        assertEquals(Mqtt5PubAckReasonCode.UNSPECIFIED_ERROR, ack.getReasonCode());
        assertEquals(
                "timed out waiting for storage",
                ack.getReasonString().orElseThrow().toString());
        assertEquals(
                before + 1,
                Await.until(() -> METRICS.counter("test.async-timeouts").getCount(), count -> count > before));
    }

    @Test
    void refusal_disconnectsAnMqtt311Client_whichHasNoReasonCodes() throws Exception {
        final Mqtt3BlockingClient client = broker.mqtt3("refused-311");
        client.connect();
        assertThrows(
                RuntimeException.class,
                () -> client.publishWith()
                        .topic("work/refuse")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .payload("x".getBytes(StandardCharsets.UTF_8))
                        .send());
        assertFalse(Await.until(() -> client.getState().isConnected(), connected -> !connected));
    }

    @Test
    void qos0_isAnsweredAtOnce_andItsFailureCounted() throws Exception {
        final long before = METRICS.counter("test.qos0.failed").getCount();
        final Mqtt5BlockingClient client = connected5("qos0");
        client.publishWith().topic("work/fail-later").qos(MqttQos.AT_MOST_ONCE).send();
        assertEquals(
                before + 1,
                Await.until(() -> METRICS.counter("test.qos0.failed").getCount(), count -> count > before));
        assertTrue(client.getState().isConnected());
    }

    private static Mqtt5BlockingClient connected5(final String clientId) {
        final Mqtt5BlockingClient client = broker.mqtt5(clientId);
        client.connect();
        return client;
    }

    /** Consumes {@code work/<outcome>} with work that ends as the outcome says. */
    static final class WorkExtension implements ExtensionMain {

        @Override
        public void extensionStart(final ExtensionStartInput input, final ExtensionStartOutput output) {
            final var answer = new CommittedAnswer("test", ASYNC_TIMEOUT, new AnswerMetrics(METRICS, "test."));
            final PublishInboundInterceptor interceptor = (publishInput, publishOutput) -> {
                final String topic = publishInput.getPublishPacket().getTopic();
                final String clientId = publishInput.getClientInformation().getClientId();
                if (topic.startsWith("work/")) {
                    answer.consume(
                            publishOutput,
                            publishInput.getPublishPacket().getQos(),
                            topic,
                            clientId,
                            () -> work(topic.substring("work/".length())));
                } else if (topic.startsWith("pass/")) {
                    answer.passOn(
                            publishOutput,
                            publishInput.getPublishPacket().getQos(),
                            topic,
                            clientId,
                            () -> work(topic.substring("pass/".length())));
                }
            };
            Services.initializerRegistry()
                    .setClientInitializer(
                            (initializerInput, context) -> context.addPublishInboundInterceptor(interceptor));
        }

        @Override
        public void extensionStop(final ExtensionStopInput input, final ExtensionStopOutput output) {}

        private static CompletableFuture<Verdict> work(final String outcome) {
            return switch (outcome) {
                case "accept" -> CompletableFuture.completedFuture(Verdict.ACCEPTED);
                case "accept-later" -> CompletableFuture.supplyAsync(() -> Verdict.ACCEPTED, LATER);
                case "accept-too-late" -> CompletableFuture.supplyAsync(() -> Verdict.ACCEPTED, AFTER_TIMEOUT);
                case "refuse" ->
                    CompletableFuture.completedFuture(
                            Verdict.refused(AckReasonCode.PAYLOAD_FORMAT_INVALID, "bad payload"));
                case "overload" -> CompletableFuture.failedFuture(new StoreOverloadedException("queue full"));
                case "fail-later" ->
                    CompletableFuture.supplyAsync(
                            () -> {
                                throw new IllegalStateException("disk full");
                            },
                            LATER);
                default -> throw new IllegalStateException("a bug in the work");
            };
        }
    }
}

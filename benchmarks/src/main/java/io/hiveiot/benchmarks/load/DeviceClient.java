package io.hiveiot.benchmarks.load;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientConnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.lifecycle.Mqtt3ClientConnectedContext;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.lifecycle.Mqtt5ClientConnectedContext;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * One device's MQTT connection, on the HiveMQ client's async API in either MQTT version. Clean
 * session, no automatic reconnect: a benchmark must see every refusal and every lost connection.
 * The restart storm's devices are {@link #persistent} instead: they keep their session and come back by
 * themselves, and report every CONNACK, lost connection and failed attempt to their listener.
 * All clients share the HiveMQ client's one Netty event loop group.
 */
public final class DeviceClient {

    /** Keep alive of idle devices: long enough that PINGREQs do not count as load. */
    static final int KEEP_ALIVE_SECONDS = 300;

    private final Device device;
    private final Mqtt5AsyncClient mqtt5;
    private final Mqtt3AsyncClient mqtt3;
    /** Null for a clean session without reconnects. */
    private final PersistentSession session;
    /** Set when the device disconnects itself: a connection lost after that is not retried. */
    private final AtomicBoolean stopped;

    private DeviceClient(
            final Device device,
            final Mqtt5AsyncClient mqtt5,
            final Mqtt3AsyncClient mqtt3,
            final PersistentSession session,
            final AtomicBoolean stopped) {
        this.device = device;
        this.mqtt5 = mqtt5;
        this.mqtt3 = mqtt3;
        this.session = session;
        this.stopped = stopped;
    }

    public static DeviceClient create(
            final Device device,
            final InetSocketAddress target,
            final Protocol protocol,
            final Duration connectTimeout) {
        return create(device, target, protocol, connectTimeout, null);
    }

    /** A device that keeps its session and reconnects on {@code session}'s backoff whenever its connection is lost. */
    public static DeviceClient persistent(
            final Device device,
            final InetSocketAddress target,
            final Protocol protocol,
            final Duration connectTimeout,
            final PersistentSession session) {
        return create(device, target, protocol, connectTimeout, session);
    }

    private static DeviceClient create(
            final Device device,
            final InetSocketAddress target,
            final Protocol protocol,
            final Duration connectTimeout,
            final PersistentSession session) {
        final var builder = MqttClient.builder()
                .identifier(device.clientId())
                .transportConfig()
                .serverAddress(Loopback.check(target))
                .socketConnectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .mqttConnectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .applyTransportConfig();
        final var stopped = new AtomicBoolean();
        if (session != null) {
            builder.addConnectedListener(context -> session.listener().connected(device, sessionPresent(context)))
                    .addDisconnectedListener(context -> reconnect(context, device, session, stopped));
        }
        // Credentials on the client rather than on CONNECT: the client sends them again when it reconnects by itself.
        final byte[] password = device.password()
                .map(text -> text.getBytes(StandardCharsets.UTF_8))
                .orElse(null);
        if (protocol == Protocol.MQTT_5) {
            final var auth = builder.useMqttVersion5().simpleAuth().username(device.username());
            return new DeviceClient(
                    device,
                    (password == null ? auth : auth.password(password))
                            .applySimpleAuth()
                            .buildAsync(),
                    null,
                    session,
                    stopped);
        }
        final var auth = builder.useMqttVersion3().simpleAuth().username(device.username());
        return new DeviceClient(
                device,
                null,
                (password == null ? auth : auth.password(password))
                        .applySimpleAuth()
                        .buildAsync(),
                session,
                stopped);
    }

    private static boolean sessionPresent(final MqttClientConnectedContext context) {
        if (context instanceof Mqtt5ClientConnectedContext mqtt5) {
            return mqtt5.getConnAck().isSessionPresent();
        }
        return ((Mqtt3ClientConnectedContext) context).getConnAck().isSessionPresent();
    }

    /** Reports the lost connection or failed attempt and schedules the next attempt, unless the device stopped. */
    private static void reconnect(
            final MqttClientDisconnectedContext context,
            final Device device,
            final PersistentSession session,
            final AtomicBoolean stopped) {
        if (context.getSource() == MqttDisconnectSource.USER || stopped.get()) {
            return;
        }
        final int attempt = context.getReconnector().getAttempts();
        session.listener().disconnected(device, attempt, context.getCause());
        context.getReconnector()
                .reconnect(true)
                .delay(
                        session.backoff()
                                .delayNanos(attempt, ThreadLocalRandom.current().nextDouble()),
                        TimeUnit.NANOSECONDS);
    }

    public Device device() {
        return device;
    }

    /**
     * Completes on a successful CONNACK, exceptionally on a refusal or a failed connection; a {@link #persistent}
     * device keeps trying instead and completes when it is in.
     */
    public CompletableFuture<Void> connect() {
        if (mqtt5 != null) {
            return mqtt5.connectWith()
                    .cleanStart(session == null)
                    .keepAlive(KEEP_ALIVE_SECONDS)
                    .sessionExpiryInterval(
                            session == null ? 0 : session.expiry().toSeconds())
                    .send()
                    .thenApply(ack -> null);
        }
        return mqtt3.connectWith()
                .cleanSession(session == null)
                .keepAlive(KEEP_ALIVE_SECONDS)
                .send()
                .thenApply(ack -> null);
    }

    /**
     * Publishes and completes when the client's QoS flow ends: PUBACK (QoS 1), PUBCOMP (QoS 2), or the
     * message handed to the connection (QoS 0). The value is empty on success, else the failure as
     * {@link Refusals#publishFailure} names it (an MQTT 5 PUBACK/PUBREC reason code such as
     * {@code 0x97 QUOTA_EXCEEDED}); it never completes exceptionally.
     */
    public CompletableFuture<Optional<String>> publish(final String topic, final byte[] payload, final MqttQos qos) {
        return publish(topic, ByteBuffer.wrap(payload), qos);
    }

    /** As {@link #publish(String, byte[], MqttQos)}, for a view into a larger buffer (a chunk of a package), uncopied. */
    public CompletableFuture<Optional<String>> publish(
            final String topic, final ByteBuffer payload, final MqttQos qos) {
        if (mqtt5 != null) {
            return mqtt5.publishWith()
                    .topic(topic)
                    .qos(qos)
                    .payload(payload)
                    .send()
                    .handle((result, error) -> error != null
                            ? Optional.of(Refusals.publishFailure(error))
                            : result.getError().map(Refusals::publishFailure));
        }
        return mqtt3.publishWith()
                .topic(topic)
                .qos(qos)
                .payload(payload)
                .send()
                .handle((result, error) ->
                        error != null ? Optional.of(Refusals.publishFailure(error)) : Optional.<String>empty());
    }

    /**
     * Subscribes; messages reach the handler given to {@link #onMessage}. Completes exceptionally when the
     * broker refuses the subscription.
     */
    public CompletableFuture<Void> subscribe(final String filter, final MqttQos qos) {
        if (mqtt5 != null) {
            return mqtt5.subscribeWith().topicFilter(filter).qos(qos).send().handle((ack, error) -> {
                // The client fails the future itself when every code is an error: name the codes either way.
                final var suback = error instanceof Mqtt5SubAckException refused ? refused.getMqttMessage() : ack;
                if (suback == null) {
                    throw new IllegalStateException("subscription to " + filter + " failed: " + error, error);
                }
                if (suback.getReasonCodes().stream().anyMatch(code -> code.isError())) {
                    throw new IllegalStateException("subscription to " + filter + " refused: " + suback.getReasonCodes()
                            + suback.getReasonString()
                                    .map(reason -> " (" + reason + ")")
                                    .orElse(""));
                }
                return null;
            });
        }
        return mqtt3.subscribeWith().topicFilter(filter).qos(qos).send().thenAccept(ack -> {
            if (ack.getReturnCodes().stream().anyMatch(code -> code.isError())) {
                throw new IllegalStateException("subscription to " + filter + " refused: " + ack.getReturnCodes());
            }
        });
    }

    /**
     * Every message this client receives, subscribed or not (hive-iot answers an application's requests
     * with {@code publishToClient}, without a subscription), on the MQTT client's Netty thread: the
     * handler must not block.
     */
    public void onMessage(final BiConsumer<String, byte[]> handler) {
        if (mqtt5 != null) {
            mqtt5.publishes(
                    MqttGlobalPublishFilter.ALL,
                    publish -> handler.accept(publish.getTopic().toString(), publish.getPayloadAsBytes()));
        } else {
            mqtt3.publishes(
                    MqttGlobalPublishFilter.ALL,
                    publish -> handler.accept(publish.getTopic().toString(), publish.getPayloadAsBytes()));
        }
    }

    /** Disconnects; a {@link #persistent} device stops coming back, also when it is between two attempts. */
    public CompletableFuture<Void> disconnect() {
        stopped.set(true);
        return mqtt5 != null ? mqtt5.disconnect() : mqtt3.disconnect();
    }

    public boolean isConnected() {
        return mqtt5 != null ? mqtt5.getState().isConnected() : mqtt3.getState().isConnected();
    }
}

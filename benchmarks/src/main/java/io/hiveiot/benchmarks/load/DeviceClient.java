package io.hiveiot.benchmarks.load;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * One device's MQTT connection, on the HiveMQ client's async API in either MQTT version. Clean
 * session, no automatic reconnect: a benchmark must see every refusal and every lost connection.
 * All clients share the HiveMQ client's one Netty event loop group.
 */
public final class DeviceClient {

    /** Keep alive of idle devices: long enough that PINGREQs do not count as load. */
    static final int KEEP_ALIVE_SECONDS = 300;

    private final Device device;
    private final Mqtt5AsyncClient mqtt5;
    private final Mqtt3AsyncClient mqtt3;

    private DeviceClient(final Device device, final Mqtt5AsyncClient mqtt5, final Mqtt3AsyncClient mqtt3) {
        this.device = device;
        this.mqtt5 = mqtt5;
        this.mqtt3 = mqtt3;
    }

    public static DeviceClient create(final Device device, final InetSocketAddress target, final Protocol protocol,
                                      final Duration connectTimeout) {
        final var builder = MqttClient.builder()
                .identifier(device.clientId())
                .transportConfig()
                .serverAddress(Loopback.check(target))
                .socketConnectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .mqttConnectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .applyTransportConfig();
        return protocol == Protocol.MQTT_5
                ? new DeviceClient(device, builder.useMqttVersion5().buildAsync(), null)
                : new DeviceClient(device, null, builder.useMqttVersion3().buildAsync());
    }

    public Device device() {
        return device;
    }

    /** Completes on a successful CONNACK, exceptionally on a refusal or a failed connection. */
    public CompletableFuture<Void> connect() {
        if (mqtt5 != null) {
            final var connect = mqtt5.connectWith().cleanStart(true).keepAlive(KEEP_ALIVE_SECONDS)
                    .simpleAuth().username(device.username());
            device.password().ifPresent(password -> connect.password(password.getBytes(StandardCharsets.UTF_8)));
            return connect.applySimpleAuth().send().thenApply(ack -> null);
        }
        final var connect = mqtt3.connectWith().cleanSession(true).keepAlive(KEEP_ALIVE_SECONDS)
                .simpleAuth().username(device.username());
        device.password().ifPresent(password -> connect.password(password.getBytes(StandardCharsets.UTF_8)));
        return connect.applySimpleAuth().send().thenApply(ack -> null);
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
    public CompletableFuture<Optional<String>> publish(final String topic, final ByteBuffer payload, final MqttQos qos) {
        if (mqtt5 != null) {
            return mqtt5.publishWith().topic(topic).qos(qos).payload(payload).send()
                    .handle((result, error) -> error != null ? Optional.of(Refusals.publishFailure(error))
                            : result.getError().map(Refusals::publishFailure));
        }
        return mqtt3.publishWith().topic(topic).qos(qos).payload(payload).send()
                .handle((result, error) -> error != null ? Optional.of(Refusals.publishFailure(error))
                        : Optional.<String>empty());
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
                            + suback.getReasonString().map(reason -> " (" + reason + ")").orElse(""));
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
            mqtt5.publishes(MqttGlobalPublishFilter.ALL,
                    publish -> handler.accept(publish.getTopic().toString(), publish.getPayloadAsBytes()));
        } else {
            mqtt3.publishes(MqttGlobalPublishFilter.ALL,
                    publish -> handler.accept(publish.getTopic().toString(), publish.getPayloadAsBytes()));
        }
    }

    public CompletableFuture<Void> disconnect() {
        return mqtt5 != null ? mqtt5.disconnect() : mqtt3.disconnect();
    }

    public boolean isConnected() {
        return mqtt5 != null ? mqtt5.getState().isConnected() : mqtt3.getState().isConnected();
    }
}

package io.hiveiot.benchmarks.load;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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

    public CompletableFuture<Void> disconnect() {
        return mqtt5 != null ? mqtt5.disconnect() : mqtt3.disconnect();
    }

    public boolean isConnected() {
        return mqtt5 != null ? mqtt5.getState().isConnected() : mqtt3.getState().isConnected();
    }
}

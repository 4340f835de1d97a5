package io.hiveiot.console.http;

import com.hivemq.extension.sdk.api.client.parameter.Listener;
import com.hivemq.extension.sdk.api.client.parameter.ListenerType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WebSocketEndpointsTest {

    private static final Set<Listener> LISTENERS = Set.of(
            listener(1883, ListenerType.TCP_LISTENER),
            listener(8000, ListenerType.WEBSOCKET_LISTENER),
            listener(8001, ListenerType.TLS_WEBSOCKET_LISTENER));

    @Test
    void plainPage_prefersThePlainListener_onTheHostTheBrowserUsed() {
        final var endpoints = new WebSocketEndpoints(Optional.empty(), "/mqtt", () -> LISTENERS);
        assertEquals(
                List.of("ws://broker.lan:8000/mqtt", "wss://broker.lan:8001/mqtt"),
                endpoints.urls("broker.lan", false));
        assertEquals(Optional.of(1883), endpoints.mqttPort());
    }

    @Test
    void securePage_getsOnlySecureWebSocket() {
        final var endpoints = new WebSocketEndpoints(Optional.empty(), "/mqtt", () -> LISTENERS);
        assertEquals(List.of("wss://[::1]:8001/mqtt"), endpoints.urls("[::1]", true));
    }

    @Test
    void configuredUrl_winsOverTheListeners() {
        final var endpoints =
                new WebSocketEndpoints(Optional.of("wss://proxy.example.com/mqtt"), "/mqtt", () -> LISTENERS);
        assertEquals(List.of("wss://proxy.example.com/mqtt"), endpoints.urls("127.0.0.1", false));
    }

    @Test
    void hostHeader_onlyPlainNamesAndAddresses() {
        assertEquals(Optional.of("127.0.0.1"), RequestHost.of("127.0.0.1:8080"));
        assertEquals(Optional.of("[::1]"), RequestHost.of("[::1]:8080"));
        assertEquals(Optional.of("broker.example.com"), RequestHost.of("broker.example.com"));
        assertEquals(Optional.empty(), RequestHost.of("evil.com; script-src *"));
        assertEquals(Optional.empty(), RequestHost.of("a\"b"));
        assertEquals(Optional.empty(), RequestHost.of(null));
    }

    private static Listener listener(final int port, final ListenerType type) {
        return new Listener() {
            @Override
            public int getPort() {
                return port;
            }

            @Override
            public String getBindAddress() {
                return "127.0.0.1";
            }

            @Override
            public ListenerType getListenerType() {
                return type;
            }

            @Override
            public String getName() {
                return type.name();
            }
        };
    }
}

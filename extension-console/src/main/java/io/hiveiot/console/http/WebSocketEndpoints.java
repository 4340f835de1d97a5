package io.hiveiot.console.http;

import com.hivemq.extension.sdk.api.client.parameter.Listener;
import com.hivemq.extension.sdk.api.client.parameter.ListenerType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Where the console's page connects with MQTT over WebSocket: the configured URL, or the broker's own WebSocket
 * listeners on the host the browser used for the page. A page loaded over HTTPS may only use secure WebSocket
 * (browsers block mixed content); over HTTP the plain listener comes first. The same list is the page's
 * {@code connect-src}: the page can open no other connection.
 */
public final class WebSocketEndpoints {

    private final Optional<String> configuredUrl;
    private final String path;
    private final Supplier<Set<Listener>> listeners;

    /**
     * @param listeners the broker's listeners, asked at every request: they open after the extensions started
     */
    public WebSocketEndpoints(
            final Optional<String> configuredUrl, final String path, final Supplier<Set<Listener>> listeners) {
        this.configuredUrl = configuredUrl;
        this.path = path;
        this.listeners = listeners;
    }

    /** The broker's plain MQTT port, for the commands the page shows; empty when it has none. */
    Optional<Integer> mqttPort() {
        return listeners.get().stream()
                .filter(listener -> listener.getListenerType() == ListenerType.TCP_LISTENER)
                .map(Listener::getPort)
                .sorted()
                .findFirst();
    }

    /** Candidate URLs, best first; empty when the broker has no WebSocket listener. */
    List<String> urls(final String host, final boolean securePage) {
        if (configuredUrl.isPresent()) {
            return List.of(configuredUrl.get());
        }
        final List<String> urls = new ArrayList<>();
        final List<Listener> sorted = listeners.get().stream()
                .sorted(Comparator.comparing(Listener::getPort))
                .toList();
        if (!securePage) {
            sorted.stream()
                    .filter(listener -> listener.getListenerType() == ListenerType.WEBSOCKET_LISTENER)
                    .forEach(listener -> urls.add("ws://" + host + ":" + listener.getPort() + path));
        }
        sorted.stream()
                .filter(listener -> listener.getListenerType() == ListenerType.TLS_WEBSOCKET_LISTENER)
                .forEach(listener -> urls.add("wss://" + host + ":" + listener.getPort() + path));
        return urls;
    }
}

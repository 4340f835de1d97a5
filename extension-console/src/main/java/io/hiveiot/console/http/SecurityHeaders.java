package io.hiveiot.console.http;

import com.sun.net.httpserver.Headers;

import java.util.List;

/**
 * Headers on every answer of the console's port. The page runs only its own scripts and styles, connects only to
 * the broker's WebSocket listener, may not be framed, and sends no referrer: the AppSecret typed into it must have
 * no way out but the MQTT CONNECT it is meant for.
 */
final class SecurityHeaders {

    private SecurityHeaders() {}

    static void apply(final Headers headers, final List<String> webSocketUrls, final boolean secure) {
        final String connect = webSocketUrls.isEmpty() ? "" : " " + String.join(" ", webSocketUrls);
        headers.set(
                "Content-Security-Policy",
                "default-src 'none'; script-src 'self'; style-src 'self'; "
                        + "img-src 'self' data:; connect-src 'self'" + connect + "; base-uri 'none'; "
                        + "form-action 'none'; frame-ancestors 'none'");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cross-Origin-Opener-Policy", "same-origin");
        headers.set("Cross-Origin-Resource-Policy", "same-origin");
        headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
        if (secure) {
            headers.set("Strict-Transport-Security", "max-age=31536000");
        }
    }
}

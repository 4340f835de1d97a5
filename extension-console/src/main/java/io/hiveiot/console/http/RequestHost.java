package io.hiveiot.console.http;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host name a browser used to reach the console, from the request's {@code Host} header, without its port. The
 * page connects to the broker's WebSocket listener on that same host. A header that is not a plain host name or
 * address is not used anywhere (it goes into a response header and a JSON document).
 */
final class RequestHost {

    private static final Pattern HOST = Pattern.compile("^(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]{1,253})(:\\d{1,5})?$");

    private RequestHost() {}

    static Optional<String> of(final String hostHeader) {
        if (hostHeader == null) {
            return Optional.empty();
        }
        final Matcher matcher = HOST.matcher(hostHeader.trim());
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}

package io.hiveiot.benchmarks.load;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The only addresses a benchmark may send traffic to: 127.0.0.0/8 and ::1. Host names other than
 * {@code localhost} are refused without being resolved, so no name server can turn a benchmark into
 * traffic elsewhere; {@code localhost} means 127.0.0.1 regardless of {@code /etc/hosts}.
 */
public final class Loopback {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /** Hex digits, colons and dots only: such a text is never handed to a name server. */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f]*:[0-9A-Fa-f:.]*");

    private Loopback() {}

    public static InetSocketAddress require(final String host, final int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, not " + port);
        }
        return new InetSocketAddress(require(host), port);
    }

    /**
     * The last line of defence, applied where connections are made: an address that is not loopback
     * (or not resolved) is refused, whoever built it.
     */
    public static InetSocketAddress check(final InetSocketAddress address) {
        if (address.isUnresolved() || !address.getAddress().isLoopbackAddress()) {
            throw refused(address.getHostString(), "it is not a loopback address");
        }
        return address;
    }

    public static InetAddress require(final String host) {
        final String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (literal.equalsIgnoreCase("localhost")) {
            return address("127.0.0.1");
        }
        if (!IPV4.matcher(literal).matches() && !IPV6.matcher(literal).matches()) {
            throw refused(host, "only IP literals and localhost are accepted");
        }
        final InetAddress address;
        try {
            // An IP literal: InetAddress parses it without any name lookup.
            address = address(literal);
        } catch (final IllegalArgumentException e) {
            throw refused(host, "not an IP address");
        }
        if (!address.isLoopbackAddress()) {
            throw refused(host, "it is not a loopback address");
        }
        return address;
    }

    private static InetAddress address(final String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (final UnknownHostException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static IllegalArgumentException refused(final String host, final String why) {
        return new IllegalArgumentException("refusing target host '" + host + "': " + why
                + "; benchmarks only target loopback (127.0.0.0/8 or ::1)");
    }
}

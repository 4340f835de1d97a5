package io.hiveiot.benchmarks.load;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * N devices made from templates: device names, client IDs and access tokens, each with {@code {i}}
 * so that 10,000 devices get 10,000 client IDs and 10,000 tokens.
 */
public record Fleet(String runId, List<Device> devices) {

    /** With the run id, so a second run against the same registry creates new devices instead of failing. */
    public static final String DEFAULT_NAME_TEMPLATE = "bench-{run}-{i}";

    public static final String DEFAULT_CLIENT_ID_TEMPLATE = "bench-{i}";
    public static final String DEFAULT_TOKEN_TEMPLATE = "tok-{run}-{i}";

    public Fleet {
        devices = List.copyOf(devices);
    }

    public static Fleet of(
            final int count, final String runId, final Template name, final Template clientId, final Template token) {
        if (count < 1) {
            throw new IllegalArgumentException("a fleet has at least one device, not " + count);
        }
        if (count > 1) {
            name.requireDistinct("device name");
            clientId.requireDistinct("client ID");
            token.requireDistinct("token");
        }
        final List<Device> devices = new ArrayList<>(count);
        final Set<String> tokens = new HashSet<>();
        for (int i = 0; i < count; i++) {
            final String username = token.expand(i, runId);
            if (username.isEmpty()
                    || username.length() > 255
                    || username.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException(
                        "a token is 1 to 255 characters without spaces; the template gives '" + username + "'");
            }
            if (!tokens.add(username)) {
                throw new IllegalArgumentException("token template gives two devices the same token");
            }
            devices.add(new Device(i, name.expand(i, runId), clientId.expand(i, runId), username, Optional.empty()));
        }
        return new Fleet(runId, devices);
    }

    public int size() {
        return devices.size();
    }

    /** The devices from index {@code from} (inclusive) to {@code to} (exclusive). */
    public Fleet slice(final int from, final int to) {
        if (from < 0 || to > devices.size() || from > to) {
            throw new IllegalArgumentException(
                    "the fleet has " + devices.size() + " devices, no slice " + from + ".." + to);
        }
        return new Fleet(runId, devices.subList(from, to));
    }
}

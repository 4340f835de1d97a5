package io.hiveiot.deviceapi.bucket;

import io.hiveiot.deviceapi.mqtt.TopicFilter;
import io.hiveiot.kit.topic.TopicSpace;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A bucket (Thinger.io's data bucket): while enabled, every message a device of {@code account} publishes on
 * {@code filter} is recorded. The filter lies inside a topic space the account can hold ({@code accounts/<account>/}
 * or the root space; the recorder keeps only what the publishing device's own space allows), so a bucket never sees
 * another account's messages.
 *
 * @param maxAge      how long its records are kept; empty: the configured default
 * @param description free text for people
 * @param configured  from config.xml: read-only for the devices service
 */
public record Bucket(
        String name,
        String account,
        TopicFilter filter,
        boolean enabled,
        Optional<Duration> maxAge,
        String description,
        boolean configured) {

    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    public Bucket {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(description, "description");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a bucket name is 1 to 64 of A-Z a-z 0-9 _ . -");
        }
        new TopicSpace(account, true).filterProblem(filter.filter()).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    /** A bucket of config.xml: enabled, default retention, no description. */
    public static Bucket configured(final String name, final String account, final TopicFilter filter) {
        return new Bucket(name, account, filter, true, Optional.empty(), "", true);
    }

    public Duration maxAge(final Duration byDefault) {
        return maxAge.orElse(byDefault);
    }
}

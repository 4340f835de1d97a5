package io.hiveiot.deviceapi.bucket;

import io.hiveiot.deviceapi.mqtt.TopicFilter;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A configured bucket: every message a device of {@code account} publishes on {@code filter} is recorded. The
 * filter lies inside the account's free topic space {@code accounts/<account>/}, so a bucket never sees another
 * account's messages: the tenant comes from the connection, never from the topic.
 */
public record Bucket(String name, String account, TopicFilter filter) {

    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    public Bucket {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(filter, "filter");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a bucket name is 1 to 64 of A-Z a-z 0-9 _ . -");
        }
        if (!filter.filter().startsWith(namespace(account))) {
            throw new IllegalArgumentException("the topic filter must lie inside " + namespace(account) + "...");
        }
    }

    public static String namespace(final String account) {
        return "accounts/" + account + "/";
    }
}

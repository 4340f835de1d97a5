package io.hiveiot.kit.topic;

import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import io.hiveiot.kit.identity.ConnectionAttributes;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The free topic space of an account: the topics its devices publish and subscribe to as plain MQTT (Thinger.io and
 * iotBind devices, foxtrackr consumers, buckets, tracking documents). By default it is {@code accounts/<account>/},
 * so the account id never stands first in a topic and no account can collide with a platform namespace. An account
 * may instead hold the <em>root</em> space: every topic outside the platform's own namespaces ({@code v1/},
 * {@code v2/}, {@code users/}, {@code accounts/} of other accounts, {@code iotbind/}, the {@code /provision}
 * topics and {@code $} topics), for a single-account installation whose devices use topics of their own choosing.
 * Group families of other accounts are not known here: the extension that owns families guards them.
 * <p>
 * hive-iot-auth writes the space of a client's account into its connection attributes
 * ({@value ConnectionAttributes#TOPIC_SPACE}) at CONNECT; the other extensions read it with {@link #of}.
 *
 * @param account the account whose space this is
 * @param root    the root space instead of {@code accounts/<account>/}
 */
public record TopicSpace(String account, boolean root) {

    /** The attribute value of a root space; any other value, or none, is the account's own space. */
    public static final String ROOT = "root";
    /** The attribute value of the default space. */
    public static final String ACCOUNT = "account";

    /** First topic levels that belong to the platform, never to an account's root space. */
    private static final Set<String> PLATFORM_ROOTS = Set.of("v1", "v2", "users", "accounts", "iotbind");

    public TopicSpace {
        Objects.requireNonNull(account, "account");
    }

    /** The space of {@code account}, {@code "root"} or {@code "account"} as stored and as the API names it. */
    public static TopicSpace of(final String account, final String name) {
        return new TopicSpace(account, ROOT.equals(name));
    }

    /** The space hive-iot-auth annotated on a connection of {@code account}; the default space without one. */
    public static TopicSpace of(final String account, final ConnectionAttributeStore attributes) {
        return of(
                account,
                attributes.getAsString(ConnectionAttributes.TOPIC_SPACE).orElse(ACCOUNT));
    }

    public void writeTo(final ConnectionAttributeStore attributes) {
        attributes.putAsString(ConnectionAttributes.TOPIC_SPACE, name());
    }

    /** {@code "root"} or {@code "account"}. */
    public String name() {
        return root ? ROOT : ACCOUNT;
    }

    /** {@code accounts/<account>/}: the account's own topics, part of its space whichever space it holds. */
    public String accountPrefix() {
        return "accounts/" + account + "/";
    }

    /** Whether a client of this space may publish on {@code topic} (a topic name, no wildcards). */
    public boolean contains(final String topic) {
        if (topic.startsWith(accountPrefix())) {
            return topic.length() > accountPrefix().length();
        }
        return root && !isPlatformTopic(topic);
    }

    /**
     * Why a topic filter (of a bucket, say) does not lie inside this space, or empty when every topic it matches
     * does. A root-space filter must start with a level of its own ({@code sensors/#}, not {@code #}).
     */
    public Optional<String> filterProblem(final String filter) {
        if (filter.startsWith(accountPrefix())
                && filter.length() > accountPrefix().length()) {
            return Optional.empty();
        }
        final String problem = "the topic filter must lie inside " + describe();
        if (!root) {
            return Optional.of(problem);
        }
        final String first = firstLevel(filter);
        if (first.equals("+") || first.equals("#")) {
            return Optional.of(problem + "; start it with a topic level of your own, e.g. sensors/#");
        }
        return isPlatformTopic(filter) ? Optional.of(problem) : Optional.empty();
    }

    /**
     * Whether a device of this space may receive a delivery on {@code topic}: anything but the accounts' streams
     * (those are for applications) and other accounts' free topics. A root space can subscribe to {@code #}; this
     * keeps what other accounts publish out.
     */
    public boolean mayReceive(final String topic) {
        final String first = firstLevel(topic);
        if (first.equals("users")) {
            return false;
        }
        if (first.equals("accounts")) {
            return topic.startsWith(accountPrefix());
        }
        return true;
    }

    /** The space in words, for answers: {@code accounts/acme/...} or the root space. */
    public String describe() {
        return root
                ? accountPrefix() + "... or the root topic space (any topic outside v1/, v2/, users/, accounts/, "
                        + "iotbind/, /provision and $ topics)"
                : accountPrefix() + "...";
    }

    /** A topic (or filter) in a namespace of the platform: device API, streams, account spaces, provisioning. */
    public static boolean isPlatformTopic(final String topic) {
        if (topic.startsWith("$")) {
            return true;
        }
        if (topic.equals("/provision") || topic.startsWith("/provision/")) {
            return true;
        }
        return PLATFORM_ROOTS.contains(firstLevel(topic));
    }

    private static String firstLevel(final String topic) {
        final int slash = topic.indexOf('/');
        return slash < 0 ? topic : topic.substring(0, slash);
    }
}

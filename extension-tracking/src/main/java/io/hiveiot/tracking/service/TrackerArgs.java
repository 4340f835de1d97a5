package io.hiveiot.tracking.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.hiveiot.kit.api.ApiException;
import io.hiveiot.kit.api.Args;
import io.hiveiot.kit.topic.TopicSpace;
import io.hiveiot.tracking.tracker.Reported;
import io.hiveiot.tracking.tracker.TrackerSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The tracking service's arguments about one device, validated. A publish topic must lie inside the
 * account's free topic space ({@code accounts/<account>/}, or the root space if the account holds it), so a device's
 * document never reaches another tenant or a platform topic.
 */
final class TrackerArgs {

    /** Printable, no topic separators or wildcards: the uid is also the device level of the stream topic. */
    private static final Pattern UID = Pattern.compile("[^/+#\\p{Cntrl}]{1,64}");

    private static final int MAX_TEXT = 255;
    private static final int MAX_TOPIC = 1024;

    private TrackerArgs() {}

    static String uid(final Args args) {
        final String uid = args.text("uid");
        if (!UID.matcher(uid).matches() || uid.isBlank()) {
            throw ApiException.badRequest("args.uid is 1 to 64 printable characters without / + #");
        }
        return uid;
    }

    static Optional<String> chosenUid(final Args args) {
        return args.json().hasNonNull("uid") ? Optional.of(uid(args)) : Optional.empty();
    }

    /** A key the operator chose (e.g. one already flashed into trackers); otherwise the platform makes one. */
    static Optional<String> chosenKey(final Args args) {
        return args.optionalText("key").map(key -> {
            if (key.length() < 8 || key.length() > MAX_TEXT || key.chars().anyMatch(Character::isISOControl)) {
                throw ApiException.badRequest("args.key is 8 to 255 printable characters");
            }
            return key;
        });
    }

    static Optional<String> text(final Args args, final String name) {
        return args.optionalText(name).map(value -> {
            if (value.length() > MAX_TEXT || value.chars().anyMatch(Character::isISOControl)) {
                throw ApiException.badRequest("args." + name + " is at most " + MAX_TEXT + " printable characters");
            }
            return value;
        });
    }

    /** @param space the requester's account's topic space, where a document may be published */
    static TrackerSettings settings(final Args args, final TopicSpace space) {
        final List<Optional<String>> units = new ArrayList<>();
        final Optional<Args> unitArgs = args.object("units");
        for (int i = 1; i <= Reported.DATA_FIELDS; i++) {
            final String name = "data" + i;
            units.add(unitArgs.flatMap(u -> text(u, name)));
        }
        final Optional<Args> publish = args.object("publish");
        final Optional<Boolean> enabled = publish.flatMap(
                p -> p.json().hasNonNull("enabled") ? Optional.of(p.bool("enabled", false)) : Optional.empty());
        final Optional<Optional<String>> topic = publish.flatMap(p -> topic(p, space));
        return new TrackerSettings(text(args, "name"), text(args, "type"), units, enabled, topic);
    }

    private static Optional<Optional<String>> topic(final Args publish, final TopicSpace space) {
        final JsonNode value = publish.json().get("topic");
        if (value == null) {
            return Optional.empty();
        }
        if (value.isNull()) {
            return Optional.of(Optional.empty());
        }
        final String topic = publish.text("topic");
        if (!space.contains(topic)
                || topic.length() > MAX_TOPIC
                || topic.contains("+")
                || topic.contains("#")
                || topic.contains("\u0000")) {
            throw ApiException.badRequest(
                    "args.publish.topic must be a topic inside " + space.describe() + ", without wildcards");
        }
        return Optional.of(Optional.of(topic));
    }
}

package io.hiveiot.kit.api;

import java.util.Optional;
import java.util.regex.Pattern;

/** {@code users/<account>/api/<service>/request/<requestId>} and its response topic. */
public record ApiTopic(String account, String service, String requestId) {

    /** Request ids are the application's correlation handle: short, and safe as one topic level. */
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    /** The filter of every account's requests to one service, for matching in an interceptor. */
    public static boolean isRequestTopicOf(final String topic, final String service) {
        final String[] levels = topic.split("/", -1);
        return levels.length == 6
                && levels[0].equals("users")
                && levels[2].equals("api")
                && levels[3].equals(service)
                && levels[4].equals("request");
    }

    /** The parts of a request topic; empty when the topic is not one or its request id is not valid. */
    public static Optional<ApiTopic> parseRequest(final String topic) {
        final String[] levels = topic.split("/", -1);
        if (levels.length != 6
                || !levels[0].equals("users")
                || !levels[2].equals("api")
                || !levels[4].equals("request")
                || !REQUEST_ID.matcher(levels[5]).matches()) {
            return Optional.empty();
        }
        return Optional.of(new ApiTopic(levels[1], levels[3], levels[5]));
    }

    public String responseTopic() {
        return "users/" + account + "/api/" + service + "/response/" + requestId;
    }

    /** The filter an application subscribes to for every response of this service. */
    public String responseFilter() {
        return "users/" + account + "/api/" + service + "/response/+";
    }
}

package io.hiveiot.kit.api;

import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.topic.TopicSpace;

import java.util.Optional;

/**
 * One application request: {@code {"op":..,"args":{..}}} published to
 * {@code users/<account>/api/<service>/request/<requestId>}. The account is the requester's, from
 * its connection, never from the topic (the topic's must equal it).
 *
 * @param annotation the device {@code args.device} names, as extension-auth resolved it (absent when
 *                   the request names none, or extension-auth does not run)
 * @param topicSpace the requester's account's free topic space, as extension-auth annotated the connection
 */
public record ApiRequest(
        ClientIdentity requester,
        String service,
        String requestId,
        String op,
        Args args,
        Optional<DeviceAnnotation> annotation,
        TopicSpace topicSpace) {

    public ApiRequest(
            final ClientIdentity requester,
            final String service,
            final String requestId,
            final String op,
            final Args args) {
        this(requester, service, requestId, op, args, Optional.empty(), TopicSpace.of(requester.account(), ""));
    }

    public String account() {
        return requester.account();
    }

    /**
     * The device {@code args.device} names, in the requester's account. Services never look device names up
     * themselves (hive-iot-auth is the identity authority): the answer is extension-auth's annotation, and without
     * one the request cannot be served.
     *
     * @return the device's id
     */
    public String deviceId() {
        final String name = args.text("device");
        final DeviceAnnotation resolved = annotation
                .filter(candidate -> candidate.account().equals(account())
                        && candidate.device().equals(name))
                .orElseThrow(() -> new ApiException(
                        ApiException.UNAVAILABLE, "devices cannot be resolved: is hive-iot-auth running?"));
        if (resolved.unavailable()) {
            throw new ApiException(ApiException.UNAVAILABLE, "the device registry is busy; try again in a moment");
        }
        return resolved.deviceId().orElseThrow(() -> ApiException.notFound("no device '" + name + "' in your account"));
    }
}

package io.hiveiot.deviceapi.payload;

import io.hiveiot.kit.thingsboard.RequestTopic;

import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.BAD_REQUEST_ID;

/** The request id at the end of a device's request topic, or the bad-payload answer ThingsBoard would give. */
public final class RequestIds {

    private RequestIds() {
    }

    public static int of(final RequestTopic kind, final String topic) throws BadPayloadException {
        return kind.requestId(topic).orElseThrow(() ->
                new BadPayloadException(BAD_REQUEST_ID, "request id in the topic must be an integer"));
    }
}

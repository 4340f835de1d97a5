package io.hiveiot.deviceapi.payload;

import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.BAD_REQUEST_ID;

/**
 * The request id at the end of a device's request topic, read as ThingsBoard reads it, with
 * {@link Integer#parseInt}: {@code -1}, {@code +7} and {@code 007} are ids, {@code 1.0}, {@code 2147483648} and an
 * empty id are not; or the bad-payload answer ThingsBoard would give.
 */
public final class RequestIds {

    private RequestIds() {}

    /** @param idPart what follows the prefix of the request topic */
    public static int of(final String idPart) throws BadPayloadException {
        try {
            return Integer.parseInt(idPart);
        } catch (final NumberFormatException e) {
            throw new BadPayloadException(BAD_REQUEST_ID, "request id in the topic must be an integer");
        }
    }
}

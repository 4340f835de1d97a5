package io.hiveiot.kit.api;

/**
 * An operation's answer is an error: {@code {"ok":false,"error":{"code":..,"message":..}}}. Codes are
 * stable (scripts and the CLI branch on them); messages say what to do next.
 */
public final class ApiException extends RuntimeException {

    public static final String BAD_REQUEST = "bad-request";
    public static final String UNKNOWN_OP = "unknown-op";
    public static final String NOT_FOUND = "not-found";
    public static final String CONFLICT = "conflict";
    public static final String FORBIDDEN = "forbidden";
    public static final String UNAVAILABLE = "unavailable";
    public static final String INTERNAL = "internal";
    /** The operation waited for a device that did not answer in time. */
    public static final String TIMEOUT = "timeout";

    private final String code;

    public ApiException(final String code, final String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static ApiException badRequest(final String message) {
        return new ApiException(BAD_REQUEST, message);
    }

    public static ApiException notFound(final String message) {
        return new ApiException(NOT_FOUND, message);
    }
}

package io.hiveiot.firmware.chunk;

import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;

/**
 * The error texts a device gets on {@code v2/fw/error} (for software requests too, as in ThingsBoard). The first
 * three are ThingsBoard's own; the others name input ThingsBoard would answer by closing the connection. Each has
 * the MQTT 5 PUBACK reason code of the refused request.
 */
public enum OtaError {
    /** Nothing assigned (or the package was deleted). */
    NOT_FOUND(AckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR, "no package assigned to this device"),
    /** The package could not be read, or the server is overloaded. */
    FAILURE(AckReasonCode.UNSPECIFIED_ERROR, "the package could not be read, try again later"),
    /** The chunk (or the whole file, without a size) is larger than max-chunk-size. */
    PAYLOAD_TOO_LARGE(AckReasonCode.QUOTA_EXCEEDED, "chunk size above the maximum"),
    /** The chunk size is not decimal text. */
    INVALID_CHUNK_SIZE(AckReasonCode.PAYLOAD_FORMAT_INVALID, "the payload must be the chunk size in decimal"),
    /** The topic's request id or chunk index is not decimal digits. */
    BAD_REQUEST(AckReasonCode.TOPIC_NAME_INVALID, "expected v2/fw/request/{requestId}/chunk/{chunk}");

    private final AckReasonCode reasonCode;
    private final String reason;

    OtaError(final AckReasonCode reasonCode, final String reason) {
        this.reasonCode = reasonCode;
        this.reason = reason;
    }

    public AckReasonCode reasonCode() {
        return reasonCode;
    }

    public String reason() {
        return reason;
    }

    /** The metric name part, e.g. {@code not-found}. */
    public String metricName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}

package io.hiveiot.auth.gateway;

import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;

/** Why a gateway may not speak for a device it names; the publish is refused whole. */
enum SubDeviceRefusal {

    /** The name belongs to a device of the account that is not this gateway's sub-device. */
    NOT_OURS(AckReasonCode.NOT_AUTHORIZED, "is a device of the account that is not a sub-device of this gateway"),
    /** Creating it would take the gateway beyond its limit of sub-devices. */
    LIMIT(AckReasonCode.QUOTA_EXCEEDED, "cannot be created: the gateway has reached its limit of sub-devices"),
    /** The name cannot be a device name ({@code /}, {@code +}, {@code #}, NUL, longer than 255). */
    BAD_NAME(AckReasonCode.PAYLOAD_FORMAT_INVALID, "is not a valid device name");

    private final AckReasonCode code;
    private final String reason;

    SubDeviceRefusal(final AckReasonCode code, final String reason) {
        this.code = code;
        this.reason = reason;
    }

    AckReasonCode code() {
        return code;
    }

    String reason(final String name) {
        return "device '" + name + "' " + reason;
    }
}

package io.hiveiot.auth.credential;

import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.general.MqttVersion;

/**
 * Why a CONNECT is refused, with its CONNACK codes for MQTT 3.1.1 and MQTT 5 (docs/thingsboard-api.md).
 * HiveMQ maps each SDK code to one 3.1.1 code, so the two versions sometimes need different SDK
 * codes (an unknown token is 0x05 on 3.1.1 but 0x86 on 5).
 */
public enum Refusal {
    NO_CREDENTIALS(
            "no-credentials",
            ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD,
            ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD,
            "no credentials: send an access token, or a username and password"),
    UNKNOWN_CREDENTIALS(
            "unknown-credentials",
            ConnackReasonCode.NOT_AUTHORIZED,
            ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD,
            "unknown access token, or wrong username or password"),
    CLIENT_ID_NOT_ALLOWED(
            "client-id-not-allowed",
            ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
            ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
            "this client identifier is not allowed for these credentials"),
    DISABLED(
            "disabled",
            ConnackReasonCode.NOT_AUTHORIZED,
            ConnackReasonCode.NOT_AUTHORIZED,
            "the credentials are revoked, or their device or account is disabled"),
    THROTTLED(
            "throttled",
            ConnackReasonCode.NOT_AUTHORIZED,
            ConnackReasonCode.BANNED,
            "too many failed logins; wait a minute before trying again"),
    UNAVAILABLE(
            "unavailable",
            ConnackReasonCode.SERVER_UNAVAILABLE,
            ConnackReasonCode.SERVER_UNAVAILABLE,
            "the device registry is unavailable; try again later");

    private final String metricName;
    private final ConnackReasonCode mqtt3Code;
    private final ConnackReasonCode mqtt5Code;
    private final String reason;

    Refusal(
            final String metricName,
            final ConnackReasonCode mqtt3Code,
            final ConnackReasonCode mqtt5Code,
            final String reason) {
        this.metricName = metricName;
        this.mqtt3Code = mqtt3Code;
        this.mqtt5Code = mqtt5Code;
        this.reason = reason;
    }

    /** The last part of the metric {@code hive-iot.auth.connects.refused.<name>}. */
    public String metricName() {
        return metricName;
    }

    public String reason() {
        return reason;
    }

    public void applyTo(final SimpleAuthOutput output, final MqttVersion version) {
        output.failAuthentication(version == MqttVersion.V_5 ? mqtt5Code : mqtt3Code, reason);
    }
}

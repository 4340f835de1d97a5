package io.hiveiot.kit.publish;

import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;

import java.util.Objects;

/**
 * What the work for a publish concluded: accepted, or refused with a reason code and a reason string. A refused
 * publish is never routed: MQTT 5 clients get the refusal in their PUBACK and stay connected; HiveMQ disconnects
 * MQTT 3.1.1 clients instead, which have no reason codes.
 */
public record Verdict(AckReasonCode code, String reason) {

    public static final Verdict ACCEPTED = new Verdict(AckReasonCode.SUCCESS, "");

    public Verdict {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
    }

    public static Verdict refused(final AckReasonCode code, final String reason) {
        if (code == AckReasonCode.SUCCESS) {
            throw new IllegalArgumentException("a refusal needs an error code");
        }
        return new Verdict(code, reason);
    }

    public boolean accepted() {
        return code == AckReasonCode.SUCCESS;
    }
}

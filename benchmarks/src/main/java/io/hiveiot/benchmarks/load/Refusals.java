package io.hiveiot.benchmarks.load;

import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubRecException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Names why a CONNECT failed, as the key of the "refusals by reason code" table: the CONNACK code
 * with its name ({@code 0x86 BAD_USER_NAME_OR_PASSWORD}, {@code 0x05 NOT_AUTHORIZED}), or, when no
 * CONNACK came, what happened instead ({@code timeout}, {@code ConnectionClosedException}).
 */
public final class Refusals {

    public static final String TIMEOUT = "timeout";

    private Refusals() {}

    public static String reason(final Throwable failure) {
        final Throwable cause = unwrap(failure);
        if (cause instanceof Mqtt5ConnAckException mqtt5) {
            final var code = mqtt5.getMqttMessage().getReasonCode();
            return code(code.getCode(), code.name());
        }
        if (cause instanceof Mqtt3ConnAckException mqtt3) {
            final var code = mqtt3.getMqttMessage().getReturnCode();
            return code(code.getCode(), code.name());
        }
        if (cause instanceof TimeoutException) {
            return TIMEOUT;
        }
        return cause.getClass().getSimpleName();
    }

    /**
     * Why a PUBLISH was not acknowledged with success: the MQTT 5 PUBACK or PUBREC reason code with its
     * name ({@code 0x97 QUOTA_EXCEEDED}), or what happened instead ({@code ConnectionClosedException}:
     * an MQTT 3.1.1 client is disconnected where MQTT 5 would get a reason code).
     */
    public static String publishFailure(final Throwable failure) {
        final Throwable cause = unwrap(failure);
        if (cause instanceof Mqtt5PubAckException pubAck) {
            final var code = pubAck.getMqttMessage().getReasonCode();
            return code(code.getCode(), code.name());
        }
        if (cause instanceof Mqtt5PubRecException pubRec) {
            final var code = pubRec.getMqttMessage().getReasonCode();
            return code(code.getCode(), code.name());
        }
        if (cause instanceof TimeoutException) {
            return TIMEOUT;
        }
        return cause.getClass().getSimpleName();
    }

    private static Throwable unwrap(final Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    static String code(final int code, final String name) {
        return String.format("0x%02X %s", code, name);
    }
}

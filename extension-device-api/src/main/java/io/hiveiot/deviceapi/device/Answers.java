package io.hiveiot.deviceapi.device;

import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import io.hiveiot.deviceapi.payload.BadPayloadException;
import io.hiveiot.kit.database.StoreOverloadedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletionException;

/**
 * How a consumed publish is answered. Every answer prevents delivery, so nothing on a device-API topic is ever
 * routed to other clients. A refusal carries a reason code: MQTT 5 clients get it in the PUBACK with the reason
 * string and stay connected; HiveMQ disconnects MQTT 3.1.1 clients instead, as ThingsBoard does with bad payloads.
 */
final class Answers {

    private static final Logger log = LoggerFactory.getLogger(Answers.class);

    private final DeviceApiMetrics metrics;

    Answers(final DeviceApiMetrics metrics) {
        this.metrics = metrics;
    }

    static void accepted(final PublishInboundOutput output) {
        output.preventPublishDelivery();
    }

    void badPayload(final PublishInboundOutput output, final DevicePublish publish, final BadPayloadException e) {
        metrics.badInput(e.kind());
        log.debug("hive-iot-device-api: bad payload from {} on {}: {}", publish.brokerClientId(), publish.topic(),
                e.reason());
        output.preventPublishDelivery(AckReasonCode.PAYLOAD_FORMAT_INVALID, e.reason());
    }

    void unknownTopic(final PublishInboundOutput output, final String clientId, final String topic) {
        metrics.unknownTopic.inc();
        log.debug("hive-iot-device-api: unknown topic {} from {}", topic, clientId);
        output.preventPublishDelivery(AckReasonCode.TOPIC_NAME_INVALID, "unknown device API topic");
    }

    /** The work failed after it was accepted: overloaded storage, a storage error, or a bug of ours. */
    void failed(final PublishInboundOutput output, final DevicePublish publish, final Throwable failure) {
        final Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        if (cause instanceof StoreOverloadedException) {
            metrics.overloaded.inc();
            log.debug("hive-iot-device-api: refused {} from {}: {}", publish.topic(), publish.brokerClientId(),
                    cause.getMessage());
            output.preventPublishDelivery(AckReasonCode.QUOTA_EXCEEDED, "server busy, try again later");
        } else {
            metrics.storageErrors.inc();
            log.warn("hive-iot-device-api: {} from {} not stored: {}", publish.topic(), publish.brokerClientId(),
                    cause.toString());
            output.preventPublishDelivery(AckReasonCode.UNSPECIFIED_ERROR, "not stored, try again later");
        }
    }
}

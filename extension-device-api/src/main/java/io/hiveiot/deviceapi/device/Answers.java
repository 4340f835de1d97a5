package io.hiveiot.deviceapi.device;

import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import io.hiveiot.deviceapi.payload.BadPayloadException;
import io.hiveiot.kit.thingsboard.GatewayTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a device-API publish that cannot be handled is refused: with a reason code and string that MQTT 5 clients
 * get in their PUBACK, while HiveMQ disconnects MQTT 3.1.1 clients, as ThingsBoard does with bad payloads. Either
 * way the publish is consumed, so nothing on a device-API topic is ever routed to other clients.
 */
final class Answers {

    private static final Logger log = LoggerFactory.getLogger(Answers.class);

    private final DeviceApiMetrics metrics;

    Answers(final DeviceApiMetrics metrics) {
        this.metrics = metrics;
    }

    void badPayload(final PublishInboundOutput output, final DevicePublish publish, final BadPayloadException e) {
        metrics.badInput(e.kind());
        log.debug(
                "hive-iot-device-api: bad payload from {} on {}: {}",
                publish.brokerClientId(),
                publish.topic(),
                e.reason());
        output.preventPublishDelivery(AckReasonCode.PAYLOAD_FORMAT_INVALID, e.reason());
    }

    void notGateway(final PublishInboundOutput output, final String clientId, final String topic) {
        metrics.notGateway.inc();
        log.debug("hive-iot-device-api: {} from {}, which is no gateway", topic, clientId);
        output.preventPublishDelivery(
                AckReasonCode.NOT_AUTHORIZED, "only a gateway device publishes on " + GatewayTopic.NAMESPACE + "...");
    }

    void unknownTopic(final PublishInboundOutput output, final String clientId, final String topic) {
        metrics.unknownTopic.inc();
        log.debug("hive-iot-device-api: unknown topic {} from {}", topic, clientId);
        output.preventPublishDelivery(AckReasonCode.TOPIC_NAME_INVALID, "unknown device API topic");
    }
}

package io.hiveiot.cli.connection;

import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;

/** A request the broker acknowledged with an error, or routed instead of handing it to a service. */
final class PublishRefusal {

    private PublishRefusal() {}

    static void check(final Mqtt5PublishResult sent, final String service, final ConnectionSettings settings) {
        if (sent instanceof Mqtt5PublishResult.Mqtt5Qos1Result qos1) {
            check(qos1.getPubAck(), service, settings);
        }
        if (sent.getError().isPresent()) {
            throw new ConnectionProblem(
                    "the request to the " + service + " service was not accepted: "
                            + sent.getError().get().getMessage(),
                    "Check the broker's log (log/hivemq.log).");
        }
    }

    /** The client reports an error PUBACK as a failed send, and a success one as the result: both come here. */
    static void check(final Mqtt5PubAck pubAck, final String service, final ConnectionSettings settings) {
        final String reason = pubAck.getReasonString().map(Object::toString).orElse("");
        if (pubAck.getReasonCode() == Mqtt5PubAckReasonCode.NOT_AUTHORIZED) {
            throw new ConnectionProblem(
                    "the broker refused the request to account '" + settings.account() + "': "
                            + (reason.isEmpty() ? "not authorized" : reason),
                    "An application may only use its own account's API: drop --account, or set it to the app id.");
        }
        if (pubAck.getReasonCode() == Mqtt5PubAckReasonCode.NO_MATCHING_SUBSCRIBERS) {
            // A service consumes its requests; one routed as a plain message found no extension to serve it.
            throw new ConnectionProblem(
                    "the broker has no `" + service + "` service (the request was not consumed " + "by any extension)",
                    "Install and start the hive-iot extension that serves `" + service
                            + "` in the broker's extensions/ folder, then retry.");
        }
        if (pubAck.getReasonCode().isError()) {
            throw new ConnectionProblem(
                    "the broker refused the request: " + pubAck.getReasonCode()
                            + (reason.isEmpty() ? "" : " (" + reason + ")"),
                    "Check the broker's log (log/hivemq.log).");
        }
    }
}

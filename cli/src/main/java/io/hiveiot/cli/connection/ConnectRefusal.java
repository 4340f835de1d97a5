package io.hiveiot.cli.connection;

import com.hivemq.client.mqtt.exceptions.ConnectionFailedException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;

import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;

/** Why a CONNECT failed, in words that say what to fix (the CONNACK codes of hive-iot-auth). */
final class ConnectRefusal {

    private ConnectRefusal() {}

    static ConnectionProblem explain(final Throwable cause, final ConnectionSettings settings) {
        final String where = settings.host() + ":" + settings.port();
        if (cause instanceof Mqtt5ConnAckException refused) {
            final Mqtt5ConnAck connAck = refused.getMqttMessage();
            final String reason =
                    connAck.getReasonString().map(Object::toString).orElse("");
            final String said = "the broker at " + where + " refused app id '" + settings.appId() + "': "
                    + connAck.getReasonCode() + (reason.isEmpty() ? "" : " (" + reason + ")");
            return switch (connAck.getReasonCode()) {
                case BAD_USER_NAME_OR_PASSWORD, NOT_AUTHORIZED ->
                    new ConnectionProblem(
                            said,
                            "Check --app-id and --app-secret (or HIVE_IOT_APP_ID / HIVE_IOT_APP_SECRET): the app id is "
                                    + "the account id, the secret is first-run.txt's app-secret or the one "
                                    + "`accounts create`/`accounts rotate-secret` showed. A disabled account is "
                                    + "refused too.");
                case CLIENT_IDENTIFIER_NOT_VALID ->
                    new ConnectionProblem(
                            said,
                            "The broker's applications/client-id-pattern (hive-iot-auth config.xml) does not admit "
                                    + "'<app id>/cli-<random>': allow it there.");
                case BANNED ->
                    new ConnectionProblem(
                            said,
                            "Too many failed logins: wait a minute (hive-iot-auth's throttling/ban) and retry with the "
                                    + "right secret.");
                case SERVER_UNAVAILABLE, SERVER_BUSY ->
                    new ConnectionProblem(
                            said,
                            "The broker is overloaded or its database is slow: retry shortly, and check log/hivemq.log.");
                default -> new ConnectionProblem(said, "Check log/hivemq.log on the broker for the reason.");
            };
        }
        if (isTlsFailure(cause)) {
            return new ConnectionProblem(
                    "the TLS handshake with " + where + " failed: " + rootMessage(cause),
                    "If the broker's certificate is not from a CA the JVM trusts, pass its CA with --cafile ca.pem "
                            + "(or --insecure for a development broker); check that --host is a name the "
                            + "certificate is for, and that the port is the broker's TLS listener.",
                    cause);
        }
        if (cause instanceof ConnectionFailedException) {
            return new ConnectionProblem(
                    "cannot connect to the broker at " + where + ": " + rootMessage(cause),
                    "Start it (bin/hive-iot-broker) or point the CLI at it with --host/--port "
                            + "(HIVE_IOT_HOST/HIVE_IOT_PORT); for a TLS listener add --tls.",
                    cause);
        }
        return new ConnectionProblem(
                "connecting to " + where + " failed: " + rootMessage(cause),
                "Check host, port and TLS options (--host, --port, --tls, --cafile).",
                cause);
    }

    private static String rootMessage(final Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static boolean isTlsFailure(final Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SSLException || cause instanceof CertificateException) {
                return true;
            }
        }
        return false;
    }
}

package io.hiveiot.cli.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.cli.exit.UsageProblem;
import io.hiveiot.cli.output.Json;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The credentials of {@code devices create} and {@code credentials issue}: an access token (given or
 * generated), or MQTT basic credentials as ThingsBoard allows them (a username with or without a password and a
 * client-ID rule, or an exact client ID alone), plus extra permissions and the session policy.
 */
final class CredentialOptions {

    @Option(names = "--token", paramLabel = "TOKEN", description = "Use this access token instead of a generated one.")
    String token;

    @Option(
            names = "--username",
            paramLabel = "USER",
            description = "MQTT basic credentials instead of a token: the username (with or without --password).")
    String username;

    @Option(
            names = "--password",
            paramLabel = "PASSWORD",
            description = "MQTT basic credentials: the password (left out: any password or none is accepted).")
    String password;

    @Option(
            names = "--client-id",
            paramLabel = "CLIENT_ID",
            description = "MQTT basic credentials: the only client ID allowed (a regex with --client-id-regex; "
                    + "${username} stands for the username). Alone, without --username: a credential of this "
                    + "client ID only, for CONNECTs without a username.")
    String clientId;

    @Option(
            names = "--sessions",
            paramLabel = "POLICY",
            description = "per-device (a new connection takes over the device's older ones) or per-client-id "
                    + "(one session per client ID, evicting none). Default: per-client-id for a client ID regex, "
                    + "per-device otherwise.")
    String sessions;

    @Option(names = "--client-id-regex", description = "Treat --client-id as a regular expression.")
    boolean clientIdRegex;

    @Option(
            names = "--permission",
            paramLabel = "FILTER[=ACTIVITY]",
            description = "An extra topic permission inside accounts/${account}/..., ACTIVITY one of "
                    + "PUBLISH, SUBSCRIBE, ALL (default); repeatable.")
    List<String> permissions = new ArrayList<>();

    /** The {@code credentials} argument, or empty for the service's default (a generated token). */
    Optional<ObjectNode> toJson() {
        final ObjectNode credentials = Json.object();
        if (username != null || password != null || clientId != null) {
            if (username == null && password != null) {
                throw new UsageProblem(
                        "a password needs a username",
                        "Add --username, or drop --password for a credential of a client ID alone.");
            }
            if (token != null) {
                throw new UsageProblem(
                        "--token and --username/--password/--client-id exclude each other",
                        "A credential is either an access token or basic credentials.");
            }
            credentials.put("type", "MQTT_BASIC");
            if (username != null) {
                credentials.put("username", username);
            }
            if (password != null) {
                credentials.put("password", password);
            }
            if (clientId != null) {
                credentials.put("clientId", clientId).put("clientIdRegex", clientIdRegex);
            }
        } else {
            credentials.put("type", "ACCESS_TOKEN");
            if (token != null) {
                credentials.put("token", token);
            }
        }
        for (final String permission : permissions) {
            final int equals = permission.lastIndexOf('=');
            final ObjectNode entry = credentials.withArray("permissions").addObject();
            entry.put("topicFilter", equals < 0 ? permission : permission.substring(0, equals));
            entry.put("activity", equals < 0 ? "ALL" : permission.substring(equals + 1));
        }
        if (sessions != null) {
            credentials.put("sessions", sessions);
        }
        final boolean onlyDefaults = credentials.size() == 1 && token == null;
        return onlyDefaults ? Optional.empty() : Optional.of(credentials);
    }
}

package io.hiveiot.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.hiveiot.cli.output.Output;

import java.util.ArrayList;
import java.util.List;

/** Shows a credential that was just issued: the token exactly once, and how a device uses it. */
final class IssuedCredentials {

    private IssuedCredentials() {}

    /** @param leading fields shown first in the same aligned block, e.g. the device's name and id */
    static void print(
            final Output output,
            final String device,
            final JsonNode issued,
            final String host,
            final int port,
            final Object... leading) {
        final List<Object> fields = new ArrayList<>(List.of(leading));
        fields.addAll(List.of("credential id", issued.path("id"), "type", issued.path("type")));
        if (issued.hasNonNull("token")) {
            fields.addAll(List.of("token", issued.path("token")));
        } else {
            fields.addAll(List.of("username", issued.path("username"), "client id", issued.path("clientId")));
        }
        fields.addAll(List.of("sessions", issued.path("sessions")));
        output.fields(fields.toArray());
        if (issued.hasNonNull("token")) {
            output.notice("The token is shown only now: store it with the device. A device connects with it as "
                    + "MQTT username, e.g.\n  mosquitto_pub -h " + host + " -p " + port + " -u '"
                    + issued.path("token").asText() + "' -t v1/devices/me/telemetry -m '{\"temperature\":25}'");
        } else if (issued.hasNonNull("username")) {
            output.notice("Device '" + device + "' connects with this username and "
                    + (issued.path("password").asBoolean() ? "the password you gave." : "any password or none."));
        } else {
            output.notice("Device '" + device + "' connects with this client ID and no username.");
        }
    }
}

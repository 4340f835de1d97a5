package io.hiveiot.auth.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.hiveiot.auth.acl.ExtraPermissions;
import io.hiveiot.auth.credential.ClientIdRule;
import io.hiveiot.auth.credential.SessionPolicy;
import io.hiveiot.kit.api.ApiException;
import io.hiveiot.kit.api.Args;

import java.util.Optional;
import java.util.regex.PatternSyntaxException;

/** A credential to issue, as an op's {@code credentials} argument describes it. */
sealed interface CredentialSpec {

    /** Extra permissions in their stored JSON form, or null for none. */
    String permissions();

    /** The credential's session policy if it names one; empty: derived from its client ID rule. */
    Optional<SessionPolicy> sessions();

    /** An access token; generated unless the application chose one. */
    record AccessToken(Optional<String> token, String permissions, Optional<SessionPolicy> sessions)
            implements CredentialSpec {}

    /**
     * ThingsBoard's MQTT_BASIC: a username with or without a password, with an optional client ID rule, or an exact
     * client ID alone (then without username and password).
     */
    record Basic(
            Optional<String> username,
            Optional<String> password,
            ClientIdRule clientIdRule,
            String permissions,
            Optional<SessionPolicy> sessions)
            implements CredentialSpec {}

    /**
     * {@code {"type":"ACCESS_TOKEN","token":..}} or
     * {@code {"type":"MQTT_BASIC","username":..,"password":..,"clientId":..,"clientIdRegex":false}}, each with
     * optional {@code permissions} and {@code sessions}.
     */
    static CredentialSpec from(final Args args) {
        final String type = args.optionalText("type").orElse("ACCESS_TOKEN");
        final String permissions = permissions(args);
        final Optional<SessionPolicy> sessions = args.optionalText("sessions")
                .map(text -> SessionPolicy.parse(text)
                        .orElseThrow(() -> ApiException.badRequest(
                                "credentials.sessions is \"per-device\" or " + "\"per-client-id\"")));
        switch (type) {
            case "ACCESS_TOKEN": {
                for (final String basicOnly : new String[] {"username", "password", "clientId", "clientIdRegex"}) {
                    if (args.json().has(basicOnly)) {
                        throw ApiException.badRequest("credentials." + basicOnly + " belongs to MQTT_BASIC "
                                + "credentials, not to an ACCESS_TOKEN");
                    }
                }
                final Optional<String> token = args.optionalText("token");
                if (token.isPresent()
                        && (token.get().isEmpty()
                                || token.get().length() > 255
                                || token.get().chars().anyMatch(Character::isWhitespace))) {
                    throw ApiException.badRequest("a token is 1 to 255 characters without spaces");
                }
                return new AccessToken(token, permissions, sessions);
            }
            case "MQTT_BASIC":
                return basic(args, permissions, sessions);
            default:
                throw ApiException.badRequest("credentials.type is ACCESS_TOKEN or MQTT_BASIC");
        }
    }

    /** ThingsBoard's rules: a username or a client ID; a password needs a username; a pattern needs a username. */
    private static Basic basic(final Args args, final String permissions, final Optional<SessionPolicy> sessions) {
        if (args.json().has("token")) {
            throw ApiException.badRequest("credentials.token belongs to ACCESS_TOKEN credentials");
        }
        final Optional<String> username = nonEmpty(args, "username");
        final Optional<String> password = nonEmpty(args, "password");
        final Optional<String> clientId = nonEmpty(args, "clientId");
        final boolean regex = args.bool("clientIdRegex", false);
        if (username.isEmpty() && clientId.isEmpty()) {
            throw ApiException.badRequest(
                    "MQTT_BASIC credentials need credentials.username, credentials.clientId " + "or both");
        }
        if (username.isEmpty() && password.isPresent()) {
            throw ApiException.badRequest("a password needs a username (ThingsBoard's rule): add "
                    + "credentials.username, or leave credentials.password out for a client-ID-only credential");
        }
        if (username.isEmpty() && regex) {
            throw ApiException.badRequest("a client ID pattern needs a username; without one the client ID is exact");
        }
        final ClientIdRule rule = clientId.map(id -> regex ? ClientIdRule.matching(id) : ClientIdRule.exactly(id))
                .orElse(ClientIdRule.ANY);
        if (regex) {
            try {
                rule.pattern(username.get());
            } catch (final PatternSyntaxException e) {
                throw ApiException.badRequest("clientId is not a regular expression: " + e.getDescription());
            }
        }
        return new Basic(username, password, rule, permissions, sessions);
    }

    private static Optional<String> nonEmpty(final Args args, final String name) {
        final Optional<String> value = args.optionalText(name);
        if (value.isPresent() && value.get().isEmpty()) {
            throw ApiException.badRequest("credentials." + name + " must not be empty; leave it out instead");
        }
        return value;
    }

    private static String permissions(final Args args) {
        final JsonNode permissions = args.json().get("permissions");
        if (permissions == null || permissions.isNull()) {
            return null;
        }
        ExtraPermissions.problem(permissions).ifPresent(problem -> {
            throw ApiException.badRequest("credentials." + problem);
        });
        return ExtraPermissions.store((ArrayNode) permissions);
    }
}

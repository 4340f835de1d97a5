package io.hiveiot.auth.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.hiveiot.auth.acl.ExtraPermissions;
import io.hiveiot.auth.credential.ClientIdRule;
import io.hiveiot.kit.api.ApiException;
import io.hiveiot.kit.api.Args;

import java.util.Optional;
import java.util.regex.PatternSyntaxException;

/** A credential to issue, as an op's {@code credentials} argument describes it. */
sealed interface CredentialSpec {

    /** An access token; generated unless the application chose one. */
    /** Extra permissions in their stored JSON form, or null for none. */
    String permissions();

    record AccessToken(Optional<String> token, String permissions) implements CredentialSpec {
    }

    /** Username and password, with an optional client ID rule. */
    record Basic(String username, String password, ClientIdRule clientIdRule, String permissions)
            implements CredentialSpec {
    }

    /**
     * {@code {"type":"ACCESS_TOKEN","token":..}} or
     * {@code {"type":"MQTT_BASIC","username":..,"password":..,"clientId":..,"clientIdRegex":false}}.
     */
    static CredentialSpec from(final Args args) {
        final String type = args.optionalText("type").orElse("ACCESS_TOKEN");
        final String permissions = permissions(args);
        switch (type) {
            case "ACCESS_TOKEN": {
                final Optional<String> token = args.optionalText("token");
                if (token.isPresent() && (token.get().isEmpty() || token.get().length() > 255
                        || token.get().chars().anyMatch(Character::isWhitespace))) {
                    throw ApiException.badRequest("a token is 1 to 255 characters without spaces");
                }
                return new AccessToken(token, permissions);
            }
            case "MQTT_BASIC": {
                final String username = args.text("username");
                final String password = args.text("password");
                final Optional<String> clientId = args.optionalText("clientId");
                final boolean regex = args.bool("clientIdRegex", false);
                final ClientIdRule rule = clientId.map(id -> regex ? ClientIdRule.matching(id) : ClientIdRule.exactly(id))
                        .orElse(ClientIdRule.ANY);
                if (regex) {
                    try {
                        rule.pattern(username);
                    } catch (final PatternSyntaxException e) {
                        throw ApiException.badRequest("clientId is not a regular expression: " + e.getDescription());
                    }
                }
                return new Basic(username, password, rule, permissions);
            }
            default:
                throw ApiException.badRequest("credentials.type is ACCESS_TOKEN or MQTT_BASIC");
        }
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

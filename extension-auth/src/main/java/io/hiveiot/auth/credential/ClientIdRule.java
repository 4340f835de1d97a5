package io.hiveiot.auth.credential;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which client IDs a basic credential may connect with: any, exactly one, or those matching a
 * regular expression in which {@code ${username}} stands for the username, quoted literally (so
 * Sensoro's {@code ^${username}(/[-_0-9a-zA-Z]{0,36})?$} works for any AppID). Regexes see the
 * client ID the client sent, never the broker-side one.
 */
public record ClientIdRule(String clientId, boolean regex) {

    /** Longer client IDs never match a regex: a pathological pattern must not get unbounded input. */
    static final int MAX_REGEX_INPUT = 256;

    /** Compiled patterns by their text with the username in: compiling costs far more than matching. */
    private static final Cache<String, Pattern> COMPILED =
            Caffeine.newBuilder().maximumSize(10_000).build();

    public static final ClientIdRule ANY = new ClientIdRule(null, false);

    public static ClientIdRule exactly(final String clientId) {
        return new ClientIdRule(clientId, false);
    }

    public static ClientIdRule matching(final String regex) {
        return new ClientIdRule(regex, true);
    }

    public boolean matches(final String username, final String sentClientId) {
        if (clientId == null) {
            return true;
        }
        if (!regex) {
            return clientId.equals(sentClientId);
        }
        if (sentClientId.length() > MAX_REGEX_INPUT) {
            return false;
        }
        try {
            return pattern(username).matcher(sentClientId).matches();
        } catch (final PatternSyntaxException e) {
            return false;
        }
    }

    /** The regex with the username substituted; throws when it is not a valid expression. */
    public Pattern pattern(final String username) {
        return COMPILED.get(clientId.replace("${username}", Pattern.quote(username)), Pattern::compile);
    }
}

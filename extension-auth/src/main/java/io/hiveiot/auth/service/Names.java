package io.hiveiot.auth.service;

import io.hiveiot.kit.api.ApiException;

import java.util.regex.Pattern;

/**
 * What account ids and device names may be, checked wherever they are created. Both end up inside
 * topic names and permission filters, so they must stay one topic level.
 */
final class Names {

    private static final Pattern ACCOUNT_ID = Pattern.compile("[a-z0-9-]{1,32}");
    private static final int MAX_DEVICE_NAME = 255;

    private Names() {}

    static String accountId(final String id) {
        if (!ACCOUNT_ID.matcher(id).matches()) {
            throw ApiException.badRequest("an account id is 1 to 32 of a-z, 0-9 and '-'");
        }
        if (id.equals("default")) {
            throw ApiException.badRequest("the account id 'default' is reserved");
        }
        return id;
    }

    static String deviceName(final String name) {
        if (name.isEmpty() || name.length() > MAX_DEVICE_NAME) {
            throw ApiException.badRequest("a device name is 1 to " + MAX_DEVICE_NAME + " characters");
        }
        if (name.chars().anyMatch(c -> c == '/' || c == '+' || c == '#' || c == 0)) {
            throw ApiException.badRequest("a device name must not contain '/', '+', '#' or NUL");
        }
        return name;
    }
}

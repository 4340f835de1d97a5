package io.hiveiot.firmware.api;

import io.hiveiot.firmware.pkg.PackageType;
import io.hiveiot.kit.api.ApiException;
import io.hiveiot.kit.api.Args;

/** The firmware service's common arguments: the package type and names (title, version, tag). */
final class Names {

    private static final int MAX_NAME_LENGTH = 255;

    private Names() {}

    static PackageType type(final Args args) {
        return args.optionalText("type").map(Names::type).orElse(PackageType.FIRMWARE);
    }

    static PackageType type(final String name) {
        return PackageType.named(name)
                .orElseThrow(() -> ApiException.badRequest("args.type must be FIRMWARE or SOFTWARE"));
    }

    static String name(final Args args, final String key) {
        return checkName(args.text(key), key);
    }

    static String checkName(final String value, final String key) {
        if (value.length() > MAX_NAME_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest(
                    "args." + key + " must be at most " + MAX_NAME_LENGTH + " characters without control characters");
        }
        return value;
    }
}

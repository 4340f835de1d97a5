package io.hiveiot.auth.provision;

import io.hiveiot.kit.api.ApiException;

import java.util.Optional;

/**
 * A provision profile (ThingsBoard's device profile provisioning settings): devices that present
 * {@code key} and the secret hashed in {@code secretHash} get credentials in {@code account}.
 *
 * @param deviceProfileId the device profile whose provisioning settings these are, which the devices it
 *                        provisions get; {@code null} for a provision profile of its own (the default profile)
 */
public record ProvisionProfile(
        String key, String secretHash, Strategy strategy, String account, String deviceProfileId) {

    public ProvisionProfile(final String key, final String secretHash, final Strategy strategy, final String account) {
        this(key, secretHash, strategy, account, null);
    }

    public enum Strategy {
        /** New devices are created; a name that exists already is a FAILURE. */
        ALLOW_CREATE_NEW_DEVICES,
        /** Only devices created beforehand may provision, once. */
        CHECK_PRE_PROVISIONED_DEVICES;

        /** The strategy an op names; ALLOW_CREATE_NEW_DEVICES when it names none. */
        public static Strategy parse(final Optional<String> name) {
            try {
                return valueOf(name.orElse(ALLOW_CREATE_NEW_DEVICES.name()));
            } catch (final IllegalArgumentException e) {
                throw ApiException.badRequest("strategy is ALLOW_CREATE_NEW_DEVICES or CHECK_PRE_PROVISIONED_DEVICES");
            }
        }
    }
}

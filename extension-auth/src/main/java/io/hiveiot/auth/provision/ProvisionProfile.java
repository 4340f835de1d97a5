package io.hiveiot.auth.provision;

/**
 * A provision profile (ThingsBoard's device profile provisioning settings): devices that present
 * {@code key} and the secret hashed in {@code secretHash} get credentials in {@code account}.
 */
public record ProvisionProfile(String key, String secretHash, Strategy strategy, String account) {

    public enum Strategy {
        /** New devices are created; a name that exists already is a FAILURE. */
        ALLOW_CREATE_NEW_DEVICES,
        /** Only devices created beforehand may provision, once. */
        CHECK_PRE_PROVISIONED_DEVICES
    }
}

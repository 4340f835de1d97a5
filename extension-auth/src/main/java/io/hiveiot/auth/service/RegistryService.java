package io.hiveiot.auth.service;

import io.hiveiot.auth.claim.Claims;
import io.hiveiot.auth.credential.PasswordVerifier;
import io.hiveiot.auth.devices.DeviceStore;
import io.hiveiot.auth.profile.DeviceProfiles;
import io.hiveiot.auth.provision.ProvisionProfiles;
import io.hiveiot.kit.api.OpTable;
import io.hiveiot.kit.database.Database;

import java.time.Clock;

/**
 * The {@code registry} service: an account's devices, their credentials and connection status, provision profiles
 * and claiming; for administrative accounts also the accounts. Arguments and results are described in
 * {@code api/registry.schema.json}. Secrets appear in a result only when they were made by that very op, and never
 * again.
 */
public final class RegistryService {

    private RegistryService() {}

    /** @param changes makes each change take effect on every broker node */
    public static OpTable create(
            final Database database,
            final Clock clock,
            final RegistryChanges changes,
            final PasswordVerifier passwords,
            final Claims claims,
            final ProvisionProfiles profiles,
            final DeviceProfiles deviceProfiles) {
        final var devices = new DeviceStore(database, clock);
        final var credentialOps = new CredentialOps(devices, changes, passwords);
        final var deviceOps = new DeviceOps(
                devices, credentialOps, changes, new RegistryJson(deviceProfiles), claims, deviceProfiles);
        final var profileOps = new ProfileOps(profiles, passwords);
        final var deviceProfileOps = new DeviceProfileOps(deviceProfiles, profiles, passwords, changes);
        final var accountOps = new AccountOps(devices, changes, passwords, profiles, deviceProfiles);
        return OpTable.of("registry", RegistryService.class.getClassLoader())
                .op("device.create", deviceOps::create)
                .op("device.list", deviceOps::list)
                .op("device.get", deviceOps::get)
                .op("device.update", deviceOps::update)
                .op("device.delete", deviceOps::delete)
                .op("status", deviceOps::status)
                .op("claim", deviceOps::claim)
                .op("credentials.issue", credentialOps::issue)
                .op("credentials.rotate", credentialOps::rotate)
                .op("credentials.revoke", credentialOps::revoke)
                .op("profile.create", deviceProfileOps::create)
                .op("profile.update", deviceProfileOps::update)
                .op("profile.list", deviceProfileOps::list)
                .op("profile.delete", deviceProfileOps::delete)
                .op("provision-profile.create", profileOps::create)
                .op("provision-profile.list", profileOps::list)
                .op("provision-profile.delete", profileOps::delete)
                .adminOp("account.create", accountOps::create)
                .adminOp("account.list", accountOps::list)
                .adminOp("account.update", accountOps::update)
                .adminOp("account.delete", accountOps::delete)
                .adminOp("account.rotate-secret", accountOps::rotateSecret)
                .build();
    }
}

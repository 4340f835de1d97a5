package io.hiveiot.auth.profile;

import io.hiveiot.kit.thingsboard.DeviceProfile;

/** A device profile of an account, as auth.db keeps it. */
public record StoredProfile(String id, String account, DeviceProfile profile, long createdAt) {

    public String name() {
        return profile.name();
    }
}

package io.hiveiot.auth.credential;

import io.hiveiot.auth.acl.PermissionTemplate;
import io.hiveiot.kit.topic.TopicSpace;

import java.util.List;

/**
 * The device an access token belongs to.
 *
 * @param usable      false when the token is revoked, or its device or account is disabled
 * @param permissions the token's extra permissions beyond the DEVICE role's
 * @param sessions    how many sessions the token's connections may hold
 * @param topicSpace  the free topic space of the device's account
 * @param traits      gateway flag and profile
 */
public record TokenDevice(
        String deviceId,
        String deviceName,
        String account,
        boolean usable,
        List<PermissionTemplate> permissions,
        SessionPolicy sessions,
        TopicSpace topicSpace,
        DeviceTraits traits) {}

package io.hiveiot.auth.credential;

import io.hiveiot.auth.acl.PermissionTemplate;
import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.topic.TopicSpace;

import java.util.List;
import java.util.Optional;

/** What a CONNECT's credentials turned out to be. */
public sealed interface Resolution {

    /**
     * @param brokerClientId   the client ID the broker must run the connection under (token devices),
     *                         or empty to keep the one the client sent
     * @param kind             which credential matched
     * @param extraPermissions the credential's permissions beyond its role's
     * @param sessions         how many sessions the credential's connections may hold
     * @param topicSpace       the free topic space of the client's account
     * @param traits           a device's gateway flag and profile
     */
    record Accepted(
            ClientIdentity identity,
            Optional<String> brokerClientId,
            CredentialKind kind,
            List<PermissionTemplate> extraPermissions,
            SessionPolicy sessions,
            TopicSpace topicSpace,
            DeviceTraits traits)
            implements Resolution {}

    record Refused(Refusal refusal) implements Resolution {}

    enum CredentialKind {
        ACCESS_TOKEN,
        BASIC,
        APPLICATION,
        PROVISION;

        /** The connection attribute that says which kind of credential a connection used. */
        public static final String ATTRIBUTE = "hive-iot.auth.credential-kind";
    }
}

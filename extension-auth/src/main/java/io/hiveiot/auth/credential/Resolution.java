package io.hiveiot.auth.credential;

import io.hiveiot.auth.connect.Refusal;
import io.hiveiot.registry.identity.ClientIdentity;

import java.util.Optional;

/** What a CONNECT's credentials turned out to be. */
public sealed interface Resolution {

    /**
     * @param brokerClientId the client ID the broker must run the connection under (token devices),
     *                       or empty to keep the one the client sent
     * @param kind           which credential matched
     */
    record Accepted(ClientIdentity identity, Optional<String> brokerClientId, CredentialKind kind)
            implements Resolution {
    }

    record Refused(Refusal refusal) implements Resolution {
    }

    enum CredentialKind {
        ACCESS_TOKEN,
        BASIC,
        APPLICATION,
        PROVISION
    }
}

package io.hiveiot.auth.connect;

import io.hiveiot.auth.credential.AccessTokens;
import io.hiveiot.auth.credential.BasicCandidate;
import io.hiveiot.auth.credential.BasicCredentials;
import io.hiveiot.auth.credential.DeviceTraits;
import io.hiveiot.auth.credential.PasswordVerifier;
import io.hiveiot.auth.credential.Refusal;
import io.hiveiot.auth.credential.Resolution;
import io.hiveiot.auth.credential.SessionPolicy;
import io.hiveiot.auth.credential.TokenDevice;
import io.hiveiot.auth.provision.ProvisionGate;
import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.identity.Role;
import io.hiveiot.kit.topic.TopicSpace;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Decides what the credentials of a CONNECT are, in the order of ThingsBoard's validator:
 * <ol>
 *   <li>{@code provision} as username or client ID opens a provisioning session (while a provision profile
 *       exists);</li>
 *   <li>without a username, the basic credential that consists of exactly the sent client ID;</li>
 *   <li>with a password, the basic credentials of the username whose client ID rule admits the client: one with a
 *       stored password needs that password (a wrong one is refused at once), one without admits any; otherwise
 *       the username as an access token (password and client ID ignored);</li>
 *   <li>without a password, the username as an access token first (the common case, answered from the token
 *       cache), then the basic credentials of the username that have no password and admit the client.</li>
 * </ol>
 * A username whose credentials do not admit the sent client ID and that is no token either is refused exactly like
 * a wrong password: the answer never tells that a username exists.
 */
public final class Credentials {

    private final AccessTokens tokens;
    private final BasicCredentials basic;
    private final PasswordVerifier passwords;
    private final ProvisionGate provisioning;

    public Credentials(
            final AccessTokens tokens,
            final BasicCredentials basic,
            final PasswordVerifier passwords,
            final ProvisionGate provisioning) {
        this.tokens = tokens;
        this.basic = basic;
        this.passwords = passwords;
        this.provisioning = provisioning;
    }

    /**
     * @param address the client's address, for the provisioning rate limit
     */
    public CompletableFuture<Resolution> resolve(
            final Optional<String> username,
            final Optional<String> password,
            final String sentClientId,
            final Optional<String> address) {
        if (DerivedClientId.isReserved(sentClientId)) {
            return refused(Refusal.CLIENT_ID_NOT_ALLOWED);
        }
        if (provisioning.isProvisioning(username.orElse(""), sentClientId)) {
            if (!provisioning.admit(address.orElse("unknown"))) {
                return refused(Refusal.THROTTLED);
            }
            // Every provisioning device sends "provision": each gets a client ID of its own.
            return CompletableFuture.completedFuture(new Resolution.Accepted(
                    new ClientIdentity(Role.PROVISION, "", null, null, sentClientId),
                    Optional.of(DerivedClientId.RESERVED_PREFIX + "provision:" + UUID.randomUUID()),
                    Resolution.CredentialKind.PROVISION,
                    List.of(),
                    SessionPolicy.PER_CLIENT_ID,
                    new TopicSpace("", false),
                    DeviceTraits.PLAIN));
        }
        if (username.isEmpty() || username.get().isEmpty()) {
            if (sentClientId.isEmpty()) {
                return refused(Refusal.NO_CREDENTIALS);
            }
            return basic.clientIdOnly(sentClientId)
                    .thenCompose(
                            candidates -> admitted(candidates, "", sentClientId, password, Refusal.NO_CREDENTIALS));
        }
        if (password.isEmpty()) {
            return token(username.get(), sentClientId)
                    .thenCompose(resolution -> resolution instanceof Resolution.Refused refused
                                    && refused.refusal() == Refusal.UNKNOWN_CREDENTIALS
                            ? basic.candidates(username.get())
                                    .thenCompose(candidates -> admitted(
                                            candidates,
                                            username.get(),
                                            sentClientId,
                                            password,
                                            Refusal.UNKNOWN_CREDENTIALS))
                            : CompletableFuture.completedFuture(resolution));
        }
        return basic.candidates(username.get()).thenCompose(candidates -> {
            final boolean any = candidates.stream()
                    .anyMatch(candidate -> candidate.clientIdRule().matches(username.get(), sentClientId));
            return any
                    ? admitted(candidates, username.get(), sentClientId, password, Refusal.UNKNOWN_CREDENTIALS)
                    : token(username.get(), sentClientId);
        });
    }

    /**
     * The first candidate that admits the client ID and whose password matches (or that has none). A wrong password
     * is refused at once, never tried as a token.
     */
    private CompletableFuture<Resolution> admitted(
            final List<BasicCandidate> candidates,
            final String username,
            final String sentClientId,
            final Optional<String> password,
            final Refusal none) {
        final List<BasicCandidate> admitted = candidates.stream()
                .filter(candidate -> candidate.clientIdRule().matches(username, sentClientId))
                .filter(candidate -> candidate.passwordHash().isEmpty() || password.isPresent())
                .toList();
        return firstVerified(admitted, 0, password)
                .thenApply(match -> match.map(candidate -> accept(candidate, sentClientId))
                        .orElseGet(() -> new Resolution.Refused(none)));
    }

    /** Tries the admitted candidates in turn; usually there is exactly one. */
    private CompletableFuture<Optional<BasicCandidate>> firstVerified(
            final List<BasicCandidate> admitted, final int index, final Optional<String> password) {
        if (index == admitted.size()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        final BasicCandidate candidate = admitted.get(index);
        if (candidate.passwordHash().isEmpty()) {
            return CompletableFuture.completedFuture(Optional.of(candidate));
        }
        return passwords
                .verify(candidate, password.orElseThrow())
                .thenCompose(matches -> matches
                        ? CompletableFuture.completedFuture(Optional.of(candidate))
                        : firstVerified(admitted, index + 1, password));
    }

    private static Resolution accept(final BasicCandidate candidate, final String sentClientId) {
        if (!candidate.usable()) {
            return new Resolution.Refused(Refusal.DISABLED);
        }
        final var kind = candidate.role() == Role.DEVICE
                ? Resolution.CredentialKind.BASIC
                : Resolution.CredentialKind.APPLICATION;
        return new Resolution.Accepted(
                candidate.identity(sentClientId),
                Optional.empty(),
                kind,
                candidate.permissions(),
                candidate.sessions(),
                candidate.topicSpace(),
                candidate.traits());
    }

    private CompletableFuture<Resolution> token(final String token, final String sentClientId) {
        return tokens.find(token).thenApply(found -> {
            if (found.isEmpty()) {
                return new Resolution.Refused(Refusal.UNKNOWN_CREDENTIALS);
            }
            final TokenDevice device = found.get();
            if (!device.usable()) {
                return new Resolution.Refused(Refusal.DISABLED);
            }
            return new Resolution.Accepted(
                    ClientIdentity.device(device.account(), device.deviceId(), device.deviceName(), sentClientId),
                    Optional.of(DerivedClientId.of(device, sentClientId)),
                    Resolution.CredentialKind.ACCESS_TOKEN,
                    device.permissions(),
                    device.sessions(),
                    device.topicSpace(),
                    device.traits());
        });
    }

    /** Forgets every cached lookup, after devices or credentials changed. */
    public void invalidateCaches() {
        tokens.invalidateAll();
        basic.invalidateAll();
    }

    private static CompletableFuture<Resolution> refused(final Refusal refusal) {
        return CompletableFuture.completedFuture(new Resolution.Refused(refusal));
    }
}

package io.hiveiot.auth.connect;

import io.hiveiot.auth.connect.DerivedClientId;
import io.hiveiot.auth.credential.Refusal;
import io.hiveiot.auth.provision.ProvisionGate;
import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.identity.Role;
import io.hiveiot.auth.credential.AccessTokens;
import io.hiveiot.auth.credential.BasicCandidate;
import io.hiveiot.auth.credential.BasicCredentials;
import io.hiveiot.auth.credential.PasswordVerifier;
import io.hiveiot.auth.credential.Resolution;
import io.hiveiot.auth.credential.TokenDevice;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Decides what the credentials of a CONNECT are, in ThingsBoard's order and as ThingsBoard's
 * validator does: {@code provision} as username or client ID opens a provisioning session (while a
 * provision profile exists); with a password, the basic credentials of that username whose client ID rule
 * admits the client (a match with a wrong password is refused at once); otherwise, or without a
 * password, the username as an access token. A username that has basic credentials, none of which
 * admits the client ID, and that is no token either, is refused as "client ID not allowed".
 */
public final class Credentials {

    private final AccessTokens tokens;
    private final BasicCredentials basic;
    private final PasswordVerifier passwords;
    private final ProvisionGate provisioning;
    private final boolean sessionEviction;

    public Credentials(final AccessTokens tokens, final BasicCredentials basic, final PasswordVerifier passwords,
                       final ProvisionGate provisioning, final boolean sessionEviction) {
        this.tokens = tokens;
        this.basic = basic;
        this.passwords = passwords;
        this.provisioning = provisioning;
        this.sessionEviction = sessionEviction;
    }

    /**
     * @param address the client's address, for the provisioning rate limit
     */
    public CompletableFuture<Resolution> resolve(final Optional<String> username, final Optional<String> password,
                                                 final String sentClientId, final Optional<String> address) {
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
                    Resolution.CredentialKind.PROVISION, List.of()));
        }
        if (username.isEmpty() || username.get().isEmpty()) {
            return refused(Refusal.NO_CREDENTIALS);
        }
        if (password.isEmpty()) {
            return token(username.get(), sentClientId, false);
        }
        return basic.candidates(username.get()).thenCompose(candidates -> {
            final List<BasicCandidate> admitted = candidates.stream()
                    .filter(candidate -> candidate.clientIdRule().matches(username.get(), sentClientId))
                    .toList();
            if (admitted.isEmpty()) {
                return token(username.get(), sentClientId, !candidates.isEmpty());
            }
            return firstVerified(admitted, 0, password.get()).thenApply(match -> match
                    .<Resolution>map(candidate -> accept(candidate, sentClientId))
                    .orElseGet(() -> new Resolution.Refused(Refusal.UNKNOWN_CREDENTIALS)));
        });
    }

    /** Tries the admitted candidates in turn; usually there is exactly one. */
    private CompletableFuture<Optional<BasicCandidate>> firstVerified(final List<BasicCandidate> admitted,
                                                                      final int index, final String password) {
        if (index == admitted.size()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        final BasicCandidate candidate = admitted.get(index);
        return passwords.verify(candidate, password).thenCompose(matches -> matches
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
        return new Resolution.Accepted(candidate.identity(sentClientId), Optional.empty(), kind,
                candidate.permissions());
    }

    private CompletableFuture<Resolution> token(final String token, final String sentClientId,
                                                final boolean knownUsername) {
        return tokens.find(token).thenApply(found -> {
            if (found.isEmpty()) {
                return new Resolution.Refused(knownUsername ? Refusal.CLIENT_ID_NOT_ALLOWED : Refusal.UNKNOWN_CREDENTIALS);
            }
            final TokenDevice device = found.get();
            if (!device.usable()) {
                return new Resolution.Refused(Refusal.DISABLED);
            }
            return new Resolution.Accepted(
                    ClientIdentity.device(device.account(), device.deviceId(), device.deviceName(), sentClientId),
                    Optional.of(DerivedClientId.of(device, sentClientId, sessionEviction)),
                    Resolution.CredentialKind.ACCESS_TOKEN, device.permissions());
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

package io.hiveiot.auth.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.hiveiot.auth.credential.PasswordVerifier;
import io.hiveiot.auth.credential.SessionPolicy;
import io.hiveiot.auth.devices.DeviceStore;
import io.hiveiot.auth.devices.PreparedCredential;
import io.hiveiot.kit.api.ApiException;
import io.hiveiot.kit.api.ApiRequest;
import io.hiveiot.kit.secret.SecretGenerator;
import io.hiveiot.kit.secret.Sha256;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static io.hiveiot.auth.service.RegistryJson.JSON;

/** A device's credentials: issue, rotate and revoke; secrets appear only in the answer of the op that made them. */
final class CredentialOps {

    private static final int TOKEN_LENGTH = 20;

    private final DeviceStore devices;
    private final RegistryChanges changes;
    private final PasswordVerifier passwords;

    CredentialOps(final DeviceStore devices, final RegistryChanges changes, final PasswordVerifier passwords) {
        this.devices = devices;
        this.changes = changes;
        this.passwords = passwords;
    }

    CompletableFuture<JsonNode> issue(final ApiRequest request) {
        final String name = request.args().text("device");
        final CredentialSpec spec = CredentialSpec.from(request.args()
                .object("credentials")
                .orElseThrow(() -> ApiException.badRequest("args.credentials is required")));
        return prepare(spec)
                .thenCompose(prepared -> devices.issue(request.account(), name, prepared)
                        .thenCompose(id -> changes.added().thenApply(told -> RegistryJson.issued(id, prepared))));
    }

    CompletableFuture<JsonNode> rotate(final ApiRequest request) {
        final var token = token(Optional.empty(), null, Optional.empty());
        return devices.rotateToken(request.account(), request.args().text("device"), token)
                .thenCompose(created -> changes.revoked(
                                List.of(created.device().id()), "the device's access token was rotated")
                        .thenApply(told -> RegistryJson.issued(created.credentialId(), token)));
    }

    CompletableFuture<JsonNode> revoke(final ApiRequest request) {
        final Optional<String> credentialId = request.args().optionalText("credentialId");
        return devices.revoke(request.account(), request.args().text("device"), credentialId)
                .thenCompose(revoked -> changes.revoked(
                                List.of(revoked.device().id()), "the device's credentials were revoked")
                        .thenApply(told -> JSON.createObjectNode().put("revoked", revoked.count())));
    }

    /** Hashes off the broker thread: PBKDF2 for passwords, SHA-256 for tokens. */
    CompletableFuture<PreparedCredential> prepare(final CredentialSpec spec) {
        if (spec instanceof CredentialSpec.AccessToken token) {
            return CompletableFuture.completedFuture(token(token.token(), token.permissions(), token.sessions()));
        }
        final var basic = (CredentialSpec.Basic) spec;
        final CompletableFuture<Optional<String>> hash = basic.password().isEmpty()
                ? CompletableFuture.completedFuture(Optional.empty())
                : passwords.hash(basic.password().get()).thenApply(Optional::of);
        return hash.thenApply(passwordHash -> new PreparedCredential.Basic(
                basic.username(), passwordHash, basic.clientIdRule(), basic.permissions(), basic.sessions()));
    }

    private static PreparedCredential.AccessToken token(
            final Optional<String> chosen, final String permissions, final Optional<SessionPolicy> sessions) {
        final String token = chosen.orElseGet(() -> SecretGenerator.generate(TOKEN_LENGTH));
        return new PreparedCredential.AccessToken(token, Sha256.hex(token), permissions, sessions);
    }
}

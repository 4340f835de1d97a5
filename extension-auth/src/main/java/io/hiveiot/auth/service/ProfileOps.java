package io.hiveiot.auth.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.auth.credential.PasswordVerifier;
import io.hiveiot.auth.provision.ProvisionProfile;
import io.hiveiot.auth.provision.ProvisionProfiles;
import io.hiveiot.kit.api.ApiException;
import io.hiveiot.kit.api.ApiRequest;
import io.hiveiot.kit.secret.SecretGenerator;

import java.util.concurrent.CompletableFuture;

import static io.hiveiot.auth.service.RegistryJson.JSON;

/** The account's provision profiles made through the service (profiles from the configuration are listed too). */
final class ProfileOps {

    private static final int KEY_LENGTH = 20;

    private final ProvisionProfiles profiles;
    private final PasswordVerifier passwords;

    ProfileOps(final ProvisionProfiles profiles, final PasswordVerifier passwords) {
        this.profiles = profiles;
        this.passwords = passwords;
    }

    CompletableFuture<JsonNode> create(final ApiRequest request) {
        final String key = request.args().optionalText("key").orElseGet(() -> SecretGenerator.generate(KEY_LENGTH));
        final String secret =
                request.args().optionalText("secret").orElseGet(() -> SecretGenerator.generate(KEY_LENGTH));
        final ProvisionProfile.Strategy strategy =
                ProvisionProfile.Strategy.parse(request.args().optionalText("strategy"));
        if (key.length() > 255 || secret.length() > 255) {
            throw ApiException.badRequest("a key and a secret have at most 255 characters");
        }
        return passwords
                .hash(secret)
                .thenCompose(hash -> profiles.create(new ProvisionProfile(key, hash, strategy, request.account())))
                .thenApply(profile -> JSON.createObjectNode()
                        .put("key", key)
                        .put("secret", secret)
                        .put("strategy", strategy.name())
                        .put("account", request.account()));
    }

    CompletableFuture<JsonNode> list(final ApiRequest request) {
        final ObjectNode result = JSON.createObjectNode();
        final ArrayNode list = result.putArray("profiles");
        profiles.ofAccount(request.account())
                .forEach(profile -> list.addObject()
                        .put("key", profile.key())
                        .put("strategy", profile.strategy().name())
                        .put("source", profiles.isConfigured(profile.key()) ? "config" : "registry"));
        return CompletableFuture.completedFuture(result);
    }

    CompletableFuture<JsonNode> delete(final ApiRequest request) {
        final String key = request.args().text("key");
        return profiles.delete(request.account(), key)
                .thenApply(deleted -> JSON.createObjectNode().put("key", key).put("deleted", true));
    }
}

package io.hiveiot.auth.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.auth.credential.PasswordVerifier;
import io.hiveiot.auth.devices.DeviceStore;
import io.hiveiot.auth.profile.DeviceProfiles;
import io.hiveiot.auth.provision.ProvisionProfiles;
import io.hiveiot.kit.api.ApiException;
import io.hiveiot.kit.api.ApiRequest;
import io.hiveiot.kit.secret.SecretGenerator;
import io.hiveiot.kit.topic.TopicSpace;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static io.hiveiot.auth.service.RegistryJson.JSON;

/** Accounts, for administrative accounts: create, list, update, delete, and a new application secret. */
final class AccountOps {

    private static final int SECRET_LENGTH = 32;

    private final DeviceStore devices;
    private final RegistryChanges changes;
    private final PasswordVerifier passwords;
    private final ProvisionProfiles profiles;
    private final DeviceProfiles deviceProfiles;

    AccountOps(
            final DeviceStore devices,
            final RegistryChanges changes,
            final PasswordVerifier passwords,
            final ProvisionProfiles profiles,
            final DeviceProfiles deviceProfiles) {
        this.devices = devices;
        this.changes = changes;
        this.passwords = passwords;
        this.profiles = profiles;
        this.deviceProfiles = deviceProfiles;
    }

    CompletableFuture<JsonNode> create(final ApiRequest request) {
        final String id = Names.accountId(request.args().text("id"));
        final boolean admin = request.args().bool("admin", false);
        final TopicSpace topicSpace = topicSpace(request, id).orElse(TopicSpace.of(id, TopicSpace.ACCOUNT));
        final String secret = SecretGenerator.generate(SECRET_LENGTH);
        return passwords
                .hash(secret)
                .thenCompose(hash -> devices.createAccount(id, admin, hash, topicSpace))
                .thenCompose(done -> changes.added())
                .thenApply(told -> JSON.createObjectNode()
                        .put("id", id)
                        .put("admin", admin)
                        .put("topicSpace", topicSpace.name())
                        .put("appId", id)
                        .put("appSecret", secret));
    }

    /**
     * Changes an account's topic space. Its devices' connections are closed, so that they reconnect with the
     * permissions of the new space; its applications see the new space in requests after they reconnect.
     */
    CompletableFuture<JsonNode> update(final ApiRequest request) {
        final String id = request.args().text("id");
        final TopicSpace topicSpace = topicSpace(request, id)
                .orElseThrow(() -> ApiException.badRequest(
                        "args.topicSpace is required: the only setting account.update changes"));
        return devices.changeTopicSpace(topicSpace)
                .thenCompose(deviceIds -> changes.revoked(deviceIds, "the account's topic space changed")
                        .thenApply(told -> JSON.createObjectNode()
                                .put("id", id)
                                .put("topicSpace", topicSpace.name())
                                .put("reconnected", deviceIds.size())));
    }

    private static Optional<TopicSpace> topicSpace(final ApiRequest request, final String account) {
        return request.args().optionalText("topicSpace").map(name -> {
            if (!name.equals(TopicSpace.ACCOUNT) && !name.equals(TopicSpace.ROOT)) {
                throw ApiException.badRequest("args.topicSpace is \"account\" (accounts/" + account
                        + "/...) or \"root\" (every topic outside the platform's namespaces)");
            }
            return TopicSpace.of(account, name);
        });
    }

    CompletableFuture<JsonNode> list(final ApiRequest request) {
        return devices.accounts().thenApply(accounts -> {
            final ObjectNode result = JSON.createObjectNode();
            final ArrayNode list = result.putArray("accounts");
            accounts.forEach(account -> list.addObject()
                    .put("id", account.id())
                    .put("admin", account.admin())
                    .put("enabled", account.enabled())
                    .put("topicSpace", account.topicSpace().name())
                    .put("createdAt", account.createdAt())
                    .put("devices", account.devices()));
            return result;
        });
    }

    CompletableFuture<JsonNode> delete(final ApiRequest request) {
        final String id = request.args().text("id");
        if (id.equals(request.account())) {
            throw new ApiException(ApiException.FORBIDDEN, "an account cannot delete itself");
        }
        return devices.deleteAccount(id)
                .thenCompose(deviceIds -> profiles.forgetAccount(id)
                        .thenCompose(forgotten -> deviceProfiles.forgetAccount(id))
                        .thenCompose(forgotten -> changes.revoked(deviceIds, "the account was deleted"))
                        .thenApply(told -> JSON.createObjectNode()
                                .put("id", id)
                                .put("deleted", true)
                                .put("devices", deviceIds.size())));
    }

    /** A new application secret; the old one stops working for new connections at once. */
    CompletableFuture<JsonNode> rotateSecret(final ApiRequest request) {
        final String id = request.args().text("id");
        final String secret = SecretGenerator.generate(SECRET_LENGTH);
        return passwords
                .hash(secret)
                .thenCompose(hash -> devices.replaceAccountSecret(id, hash))
                .thenCompose(done -> changes.added())
                .thenApply(told ->
                        JSON.createObjectNode().put("id", id).put("appId", id).put("appSecret", secret));
    }
}

package io.hiveiot.auth.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.extension.sdk.api.services.session.ClientService;
import io.hiveiot.auth.claim.Claims;
import io.hiveiot.auth.credential.PasswordVerifier;
import io.hiveiot.auth.provision.ProvisionProfile;
import io.hiveiot.auth.provision.ProvisionProfiles;
import io.hiveiot.auth.status.ConnectionStatus;
import io.hiveiot.kit.api.ApiException;
import io.hiveiot.kit.api.ApiRequest;
import io.hiveiot.kit.api.ApiService;
import io.hiveiot.kit.identity.Role;
import io.hiveiot.kit.secret.SecretGenerator;
import io.hiveiot.kit.secret.Sha256;
import io.hiveiot.kit.database.Database;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The {@code registry} service (DESIGN.md §6): an account's devices, their credentials and
 * connection status; for administrative accounts also the accounts. Arguments and results are
 * described in {@code api/registry.schema.json}. Secrets appear in a result only when they were
 * made by that very op, and never again.
 */
public final class RegistryService implements ApiService {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TOKEN_LENGTH = 20;
    private static final int SECRET_LENGTH = 32;

    private final DeviceRegistry devices;
    private final SessionRevoker revoker;
    private final PasswordVerifier passwords;
    private final ConnectionStatus status;
    private final Claims claims;
    private final ProvisionProfiles profiles;
    private final Map<String, Function<ApiRequest, CompletableFuture<JsonNode>>> ops = new TreeMap<>();

    /** @param invalidateCaches forgets every cached credential and device lookup */
    public RegistryService(final Database database, final Clock clock, final Runnable invalidateCaches,
                           final PasswordVerifier passwords, final ConnectionStatus status,
                           final ClientService clients, final Claims claims, final ProvisionProfiles profiles) {
        this.devices = new DeviceRegistry(database, clock);
        this.claims = claims;
        this.profiles = profiles;
        this.revoker = new SessionRevoker(invalidateCaches, status, clients);
        this.passwords = passwords;
        this.status = status;
        ops.put("device.create", this::createDevice);
        ops.put("device.list", this::listDevices);
        ops.put("device.get", this::getDevice);
        ops.put("device.delete", this::deleteDevice);
        ops.put("credentials.issue", this::issueCredential);
        ops.put("credentials.rotate", this::rotateToken);
        ops.put("credentials.revoke", this::revokeCredentials);
        ops.put("status", this::deviceStatus);
        ops.put("claim", this::claim);
        ops.put("provision-profile.create", this::createProfile);
        ops.put("provision-profile.list", this::listProfiles);
        ops.put("provision-profile.delete", this::deleteProfile);
        ops.put("account.create", admin(this::createAccount));
        ops.put("account.list", admin(this::listAccounts));
        ops.put("account.delete", admin(this::deleteAccount));
        ops.put("account.rotate-secret", admin(this::rotateAccountSecret));
    }

    @Override
    public String name() {
        return "registry";
    }

    @Override
    public CompletableFuture<JsonNode> handle(final ApiRequest request) {
        final var op = ops.get(request.op());
        if (op == null) {
            return CompletableFuture.failedFuture(new ApiException(ApiException.UNKNOWN_OP,
                    "unknown op '" + request.op() + "'; the registry service has " + String.join(", ", ops.keySet())));
        }
        return op.apply(request);
    }

    private CompletableFuture<JsonNode> createDevice(final ApiRequest request) {
        final String name = Names.deviceName(request.args().text("name"));
        final CredentialSpec spec = request.args().object("credentials").map(CredentialSpec::from)
                .orElse(new CredentialSpec.AccessToken(Optional.empty(), null));
        return prepare(spec).thenCompose(prepared -> devices.create(request.account(), name, prepared)
                .thenApply(created -> {
                    revoker.added();
                    final ObjectNode result = device(created.device());
                    result.set("credentials", issued(created.credentialId(), prepared));
                    return result;
                }));
    }

    private CompletableFuture<JsonNode> listDevices(final ApiRequest request) {
        final int limit = request.args().integer("limit", 100, 1, 1000);
        final Optional<String> cursor = request.args().optionalText("cursor");
        return devices.list(request.account(), cursor, limit).thenApply(page -> {
            final ObjectNode result = JSON.createObjectNode();
            final ArrayNode list = result.putArray("devices");
            page.forEach(device -> list.add(device(device)));
            if (page.size() == limit) {
                result.put("cursor", page.get(page.size() - 1).name());
            }
            return result;
        });
    }

    private CompletableFuture<JsonNode> getDevice(final ApiRequest request) {
        return devices.find(request.account(), request.args().text("device")).thenCompose(device ->
                devices.credentials(device.id()).thenCombine(devices.status(device.id()), (credentials, state) -> {
                    final ObjectNode result = device(device);
                    final ArrayNode list = result.putArray("credentials");
                    credentials.forEach(credential -> list.add(credential(credential)));
                    result.set("status", status(device.id(), state));
                    return result;
                }));
    }

    private CompletableFuture<JsonNode> deleteDevice(final ApiRequest request) {
        return devices.delete(request.account(), request.args().text("device")).thenApply(device -> {
            revoker.revoke(List.of(device.id()), "the device was deleted");
            return device(device).put("deleted", true);
        });
    }

    private CompletableFuture<JsonNode> issueCredential(final ApiRequest request) {
        final String name = request.args().text("device");
        final CredentialSpec spec = CredentialSpec.from(request.args().object("credentials")
                .orElseThrow(() -> ApiException.badRequest("args.credentials is required")));
        return prepare(spec).thenCompose(prepared -> devices.issue(request.account(), name, prepared)
                .thenApply(id -> {
                    revoker.added();
                    return issued(id, prepared);
                }));
    }

    private CompletableFuture<JsonNode> rotateToken(final ApiRequest request) {
        final var token = token(Optional.empty(), null);
        return devices.rotateToken(request.account(), request.args().text("device"), token).thenApply(created -> {
            revoker.revoke(List.of(created.device().id()), "the device's access token was rotated");
            return issued(created.credentialId(), token);
        });
    }

    private CompletableFuture<JsonNode> revokeCredentials(final ApiRequest request) {
        final Optional<String> credentialId = request.args().optionalText("credentialId");
        return devices.revoke(request.account(), request.args().text("device"), credentialId).thenApply(revoked -> {
            revoker.revoke(List.of(revoked.device().id()), "the device's credentials were revoked");
            return JSON.createObjectNode().put("revoked", revoked.count());
        });
    }

    private CompletableFuture<JsonNode> deviceStatus(final ApiRequest request) {
        return devices.find(request.account(), request.args().text("device")).thenCompose(device ->
                devices.status(device.id()).thenApply(state -> status(device.id(), state)
                        .put("device", device.name()).put("deviceId", device.id())));
    }

    /** Completes a device's claim: the device moves to the requester's account and reconnects. */
    private CompletableFuture<JsonNode> claim(final ApiRequest request) {
        final String name = request.args().text("device");
        final String secret = request.args().optionalText("secretKey").orElse("");
        return claims.complete(request.account(), name, secret).thenApply(claimed -> {
            revoker.revoke(List.of(claimed.deviceId()), "the device was claimed by another account");
            return JSON.createObjectNode().put("status", "SUCCESS").put("device", claimed.device())
                    .put("deviceId", claimed.deviceId());
        });
    }

    private CompletableFuture<JsonNode> createProfile(final ApiRequest request) {
        final String key = request.args().optionalText("key").orElseGet(() -> SecretGenerator.generate(TOKEN_LENGTH));
        final String secret = request.args().optionalText("secret")
                .orElseGet(() -> SecretGenerator.generate(TOKEN_LENGTH));
        final ProvisionProfile.Strategy strategy;
        try {
            strategy = ProvisionProfile.Strategy.valueOf(
                    request.args().optionalText("strategy").orElse("ALLOW_CREATE_NEW_DEVICES"));
        } catch (final IllegalArgumentException e) {
            throw ApiException.badRequest(
                    "args.strategy is ALLOW_CREATE_NEW_DEVICES or CHECK_PRE_PROVISIONED_DEVICES");
        }
        if (key.length() > 255 || secret.length() > 255) {
            throw ApiException.badRequest("a key and a secret have at most 255 characters");
        }
        return passwords.hash(secret)
                .thenCompose(hash -> profiles.create(new ProvisionProfile(key, hash, strategy, request.account())))
                .thenApply(profile -> JSON.createObjectNode().put("key", key).put("secret", secret)
                        .put("strategy", strategy.name()).put("account", request.account()));
    }

    private CompletableFuture<JsonNode> listProfiles(final ApiRequest request) {
        final ObjectNode result = JSON.createObjectNode();
        final ArrayNode list = result.putArray("profiles");
        profiles.ofAccount(request.account()).forEach(profile -> list.addObject().put("key", profile.key())
                .put("strategy", profile.strategy().name())
                .put("source", profiles.isConfigured(profile.key()) ? "config" : "registry"));
        return CompletableFuture.completedFuture(result);
    }

    private CompletableFuture<JsonNode> deleteProfile(final ApiRequest request) {
        final String key = request.args().text("key");
        return profiles.delete(request.account(), key)
                .thenApply(deleted -> JSON.createObjectNode().put("key", key).put("deleted", true));
    }

    private CompletableFuture<JsonNode> createAccount(final ApiRequest request) {
        final String id = Names.accountId(request.args().text("id"));
        final boolean admin = request.args().bool("admin", false);
        final String secret = SecretGenerator.generate(SECRET_LENGTH);
        return passwords.hash(secret).thenCompose(hash -> devices.createAccount(id, admin, hash)).thenApply(done -> {
            revoker.added();
            return JSON.createObjectNode().put("id", id).put("admin", admin).put("appId", id).put("appSecret", secret);
        });
    }

    private CompletableFuture<JsonNode> listAccounts(final ApiRequest request) {
        return devices.accounts().thenApply(accounts -> {
            final ObjectNode result = JSON.createObjectNode();
            final ArrayNode list = result.putArray("accounts");
            accounts.forEach(account -> list.addObject().put("id", account.id()).put("admin", account.admin())
                    .put("enabled", account.enabled()).put("createdAt", account.createdAt())
                    .put("devices", account.devices()));
            return result;
        });
    }

    private CompletableFuture<JsonNode> deleteAccount(final ApiRequest request) {
        final String id = request.args().text("id");
        if (id.equals(request.account())) {
            throw new ApiException(ApiException.FORBIDDEN, "an account cannot delete itself");
        }
        return devices.deleteAccount(id).thenApply(deviceIds -> {
            profiles.forgetAccount(id);
            revoker.revoke(deviceIds, "the account was deleted");
            return JSON.createObjectNode().put("id", id).put("deleted", true).put("devices", deviceIds.size());
        });
    }

    /** A new application secret; the old one stops working for new connections at once. */
    private CompletableFuture<JsonNode> rotateAccountSecret(final ApiRequest request) {
        final String id = request.args().text("id");
        final String secret = SecretGenerator.generate(SECRET_LENGTH);
        return passwords.hash(secret).thenCompose(hash -> devices.replaceAccountSecret(id, hash)).thenApply(done -> {
            revoker.added();
            return JSON.createObjectNode().put("id", id).put("appId", id).put("appSecret", secret);
        });
    }

    private static Function<ApiRequest, CompletableFuture<JsonNode>> admin(
            final Function<ApiRequest, CompletableFuture<JsonNode>> op) {
        return request -> {
            if (request.requester().role() != Role.ADMIN) {
                return CompletableFuture.failedFuture(new ApiException(ApiException.FORBIDDEN,
                        "account operations are for administrative accounts only"));
            }
            return op.apply(request);
        };
    }

    /** Hashes off the broker thread: PBKDF2 for passwords, SHA-256 for tokens. */
    private CompletableFuture<PreparedCredential> prepare(final CredentialSpec spec) {
        if (spec instanceof CredentialSpec.AccessToken token) {
            return CompletableFuture.completedFuture(token(token.token(), token.permissions()));
        }
        final var basic = (CredentialSpec.Basic) spec;
        return passwords.hash(basic.password()).thenApply(hash ->
                new PreparedCredential.Basic(basic.username(), hash, basic.clientIdRule(), basic.permissions()));
    }

    private static PreparedCredential.AccessToken token(final Optional<String> chosen, final String permissions) {
        final String token = chosen.orElseGet(() -> SecretGenerator.generate(TOKEN_LENGTH));
        return new PreparedCredential.AccessToken(token, Sha256.hex(token), permissions);
    }

    private static ObjectNode issued(final String credentialId, final PreparedCredential credential) {
        final ObjectNode result = JSON.createObjectNode().put("id", credentialId);
        if (credential instanceof PreparedCredential.AccessToken token) {
            return result.put("type", "ACCESS_TOKEN").put("token", token.token());
        }
        final var basic = (PreparedCredential.Basic) credential;
        result.put("type", "MQTT_BASIC").put("username", basic.username());
        if (basic.clientIdRule().clientId() != null) {
            result.put("clientId", basic.clientIdRule().clientId()).put("clientIdRegex", basic.clientIdRule().regex());
        }
        return result;
    }

    private static ObjectNode device(final DeviceRegistry.Device device) {
        return JSON.createObjectNode().put("id", device.id()).put("name", device.name())
                .put("enabled", device.enabled()).put("createdAt", device.createdAt());
    }

    private static ObjectNode credential(final DeviceRegistry.Credential credential) {
        final ObjectNode node = JSON.createObjectNode().put("id", credential.id()).put("type", credential.type());
        credential.username().ifPresent(username -> node.put("username", username));
        credential.clientId().ifPresent(clientId -> node.put("clientId", clientId)
                .put("clientIdRegex", credential.clientIdRegex()));
        node.put("createdAt", credential.createdAt());
        credential.revokedAt().ifPresent(revokedAt -> node.put("revokedAt", revokedAt));
        return node;
    }

    private ObjectNode status(final String deviceId, final DeviceRegistry.Status state) {
        final ObjectNode node = JSON.createObjectNode().put("active", state.active());
        putNullable(node, "lastConnectTime", state.lastConnectTime());
        putNullable(node, "lastDisconnectTime", state.lastDisconnectTime());
        putNullable(node, "lastActivityTime", state.lastActivityTime());
        node.put("connections", status.liveClientIds(deviceId).size());
        return node;
    }

    private static void putNullable(final ObjectNode node, final String name, final Long value) {
        if (value == null) {
            node.putNull(name);
        } else {
            node.put(name, value);
        }
    }
}

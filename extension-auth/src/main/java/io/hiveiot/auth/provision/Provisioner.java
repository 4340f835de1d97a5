package io.hiveiot.auth.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.auth.credential.ClientIdRule;
import io.hiveiot.auth.credential.PasswordVerifier;
import io.hiveiot.auth.devices.DeviceStore;
import io.hiveiot.auth.devices.PreparedCredential;
import io.hiveiot.kit.secret.SecretGenerator;
import io.hiveiot.kit.secret.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * ThingsBoard's device provisioning: checks the profile's key and secret, creates the device (or
 * takes the pre-provisioned one) in the profile's account with the credentials the device asked
 * for, and answers with ThingsBoard's response JSON: SUCCESS with {@code credentialsValue},
 * NOT_FOUND for an unknown key or wrong secret, FAILURE otherwise.
 */
public final class Provisioner {

    private static final Logger log = LoggerFactory.getLogger(Provisioner.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProvisionProfiles profiles;
    private final PasswordVerifier passwords;
    private final DeviceStore devices;
    private final Runnable invalidateCaches;

    public Provisioner(
            final ProvisionProfiles profiles,
            final PasswordVerifier passwords,
            final DeviceStore devices,
            final Runnable invalidateCaches) {
        this.profiles = profiles;
        this.passwords = passwords;
        this.devices = devices;
        this.invalidateCaches = invalidateCaches;
    }

    /** The device's request, already checked to carry a key and a secret. */
    record Request(
            String key,
            String secret,
            Optional<String> deviceName,
            String credentialsType,
            Optional<String> token,
            Optional<String> clientId,
            Optional<String> username,
            Optional<String> password,
            boolean gateway) {

        static Optional<Request> parse(final JsonNode json) {
            if (!json.isObject()
                    || !json.path("provisionDeviceKey").isTextual()
                    || !json.path("provisionDeviceSecret").isTextual()) {
                return Optional.empty();
            }
            return Optional.of(new Request(
                    json.get("provisionDeviceKey").asText(),
                    json.get("provisionDeviceSecret").asText(),
                    text(json, "deviceName"),
                    text(json, "credentialsType").orElse("ACCESS_TOKEN"),
                    text(json, "token"),
                    text(json, "clientId"),
                    text(json, "username"),
                    text(json, "password"),
                    json.path("gateway").asBoolean(false)));
        }

        private static Optional<String> text(final JsonNode json, final String name) {
            return json.path(name).isTextual() && !json.get(name).asText().isEmpty()
                    ? Optional.of(json.get(name).asText())
                    : Optional.empty();
        }
    }

    CompletableFuture<ObjectNode> provision(final Request request) {
        final Optional<ProvisionProfile> profile = profiles.find(request.key());
        if (profile.isEmpty()) {
            return CompletableFuture.completedFuture(notFound());
        }
        return passwords
                .verify(
                        "provision:" + request.key(),
                        request.secret(),
                        profile.get().secretHash())
                .thenCompose(matches ->
                        matches ? provision(profile.get(), request) : CompletableFuture.completedFuture(notFound()))
                .exceptionally(error -> {
                    log.debug("hive-iot-auth: provisioning failed: {}", error.toString());
                    return failure();
                });
    }

    private CompletableFuture<ObjectNode> provision(final ProvisionProfile profile, final Request request) {
        if (request.deviceName().isPresent() && !validName(request.deviceName().get())) {
            return CompletableFuture.completedFuture(failure());
        }
        final String name = request.deviceName().orElseGet(() -> SecretGenerator.generate(20));
        final ObjectNode success = JSON.createObjectNode();
        final CompletableFuture<PreparedCredential> credential;
        switch (request.credentialsType()) {
            case "ACCESS_TOKEN" -> {
                final String token = request.token().orElseGet(() -> SecretGenerator.generate(20));
                success.put("credentialsValue", token);
                credential = CompletableFuture.completedFuture(
                        new PreparedCredential.AccessToken(token, Sha256.hex(token), null, Optional.empty()));
            }
            case "MQTT_BASIC" -> {
                if (request.username().isEmpty() || request.password().isEmpty()) {
                    return CompletableFuture.completedFuture(failure());
                }
                final ObjectNode value = success.putObject("credentialsValue");
                request.clientId().ifPresent(clientId -> value.put("clientId", clientId));
                value.put("userName", request.username().get())
                        .put("password", request.password().get());
                final ClientIdRule rule =
                        request.clientId().map(ClientIdRule::exactly).orElse(ClientIdRule.ANY);
                credential = passwords
                        .hash(request.password().get())
                        .thenApply(hash -> new PreparedCredential.Basic(
                                request.username(), Optional.of(hash), rule, null, Optional.empty()));
            }
            default -> {
                // X509_CERTIFICATE needs TLS client certificates, which hive-iot does not authenticate with yet.
                return CompletableFuture.completedFuture(failure());
            }
        }
        success.put("credentialsType", request.credentialsType()).put("status", "SUCCESS");
        return credential
                .thenCompose(prepared -> (profile.strategy() == ProvisionProfile.Strategy.ALLOW_CREATE_NEW_DEVICES
                                ? devices.createProvisioned(
                                        profile.account(),
                                        name,
                                        prepared,
                                        new DeviceStore.Kind(request.gateway(), profile.deviceProfileId()))
                                : devices.provisionExisting(profile.account(), name, prepared))
                        .thenApply(created -> {
                            invalidateCaches.run();
                            return success;
                        }))
                .exceptionally(error -> {
                    log.debug("hive-iot-auth: provisioning of '{}' refused: {}", name, error.toString());
                    return failure();
                });
    }

    private static boolean validName(final String name) {
        return name.length() <= 255 && name.chars().noneMatch(c -> c == '/' || c == '+' || c == '#' || c == 0);
    }

    static ObjectNode notFound() {
        return JSON.createObjectNode()
                .put("errorMsg", "Provision data was not found!")
                .put("status", "NOT_FOUND");
    }

    static ObjectNode failure() {
        return JSON.createObjectNode()
                .put("errorMsg", "Failed to provision device!")
                .put("status", "FAILURE");
    }
}

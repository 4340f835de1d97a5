package io.hiveiot.auth.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.auth.claim.Claims;
import io.hiveiot.auth.devices.DeviceStore;
import io.hiveiot.auth.profile.DeviceProfiles;
import io.hiveiot.kit.api.ApiException;
import io.hiveiot.kit.api.ApiRequest;
import io.hiveiot.kit.thingsboard.DeviceProfile;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static io.hiveiot.auth.service.RegistryJson.JSON;

/** Devices of the requester's account: create, list, get, delete, their status, and claiming. */
final class DeviceOps {

    private final DeviceStore devices;
    private final CredentialOps credentials;
    private final RegistryChanges changes;
    private final RegistryJson json;
    private final Claims claims;
    private final DeviceProfiles profiles;

    DeviceOps(
            final DeviceStore devices,
            final CredentialOps credentials,
            final RegistryChanges changes,
            final RegistryJson json,
            final Claims claims,
            final DeviceProfiles profiles) {
        this.devices = devices;
        this.credentials = credentials;
        this.changes = changes;
        this.json = json;
        this.claims = claims;
        this.profiles = profiles;
    }

    CompletableFuture<JsonNode> create(final ApiRequest request) {
        final String name = Names.deviceName(request.args().text("name"));
        final CredentialSpec spec = request.args()
                .object("credentials")
                .map(CredentialSpec::from)
                .orElse(new CredentialSpec.AccessToken(Optional.empty(), null, Optional.empty()));
        final var kind = new DeviceStore.Kind(
                request.args().bool("gateway", false),
                profileId(request, request.args().optionalText("profile")).orElse(null));
        return credentials
                .prepare(spec)
                .thenCompose(prepared -> devices.create(request.account(), name, prepared, kind)
                        .thenCompose(created -> changes.added().thenApply(told -> {
                            final ObjectNode result = json.device(created.device());
                            result.set("credentials", RegistryJson.issued(created.credentialId(), prepared));
                            return (JsonNode) result;
                        })));
    }

    /** A device's gateway flag and profile; its connections get them when they next connect. */
    CompletableFuture<JsonNode> update(final ApiRequest request) {
        final JsonNode args = request.args().json();
        final Optional<Boolean> gateway =
                args.has("gateway") ? Optional.of(request.args().bool("gateway", false)) : Optional.empty();
        final Optional<Optional<String>> profileId;
        if (!args.has("profile")) {
            profileId = Optional.empty();
        } else if (args.get("profile").isNull()) {
            profileId = Optional.of(Optional.empty());
        } else {
            profileId =
                    Optional.of(profileId(request, Optional.of(request.args().text("profile"))));
        }
        if (gateway.isEmpty() && profileId.isEmpty()) {
            throw ApiException.badRequest("args needs gateway, profile or both");
        }
        return devices.update(request.account(), request.args().text("device"), gateway, profileId)
                .thenCompose(device -> changes.added().thenApply(told -> (JsonNode) json.device(device)));
    }

    /** The id of the named profile of the requester's account; the name {@code default} is the default profile. */
    private Optional<String> profileId(final ApiRequest request, final Optional<String> name) {
        return name.filter(profile -> !profile.equals(DeviceProfile.DEFAULT.name()))
                .map(profile -> profiles.named(request.account(), profile).id());
    }

    CompletableFuture<JsonNode> list(final ApiRequest request) {
        final int limit = request.args().integer("limit", 100, 1, 1000);
        final Optional<String> cursor = request.args().optionalText("cursor");
        final Optional<String> search = request.args().optionalText("search").filter(text -> !text.isEmpty());
        if (search.map(String::length).orElse(0) > 255) {
            throw ApiException.badRequest("args.search has at most 255 characters");
        }
        return devices.list(request.account(), cursor, limit, search).thenApply(page -> {
            final ObjectNode result = JSON.createObjectNode();
            final ArrayNode list = result.putArray("devices");
            page.forEach(listed ->
                    list.add(json.device(listed.device()).set("status", RegistryJson.status(listed.status()))));
            if (page.size() == limit) {
                result.put("cursor", page.get(page.size() - 1).device().name());
            }
            return result;
        });
    }

    CompletableFuture<JsonNode> get(final ApiRequest request) {
        return devices.find(request.account(), request.args().text("device"))
                .thenCompose(device -> devices.credentials(device.id())
                        .thenCombine(devices.status(device.id()), (credentials, state) -> {
                            final ObjectNode result = json.device(device);
                            final ArrayNode list = result.putArray("credentials");
                            credentials.forEach(credential -> list.add(RegistryJson.credential(credential)));
                            result.set("status", RegistryJson.status(state));
                            return result;
                        }));
    }

    CompletableFuture<JsonNode> delete(final ApiRequest request) {
        return devices.delete(request.account(), request.args().text("device"))
                .thenCompose(device -> changes.revoked(List.of(device.id()), "the device was deleted")
                        .thenApply(told -> json.device(device).put("deleted", true)));
    }

    CompletableFuture<JsonNode> status(final ApiRequest request) {
        return devices.find(request.account(), request.args().text("device"))
                .thenCompose(device -> devices.status(device.id())
                        .thenApply(state -> RegistryJson.status(state)
                                .put("device", device.name())
                                .put("deviceId", device.id())));
    }

    /** Completes a device's claim: the device moves to the requester's account and reconnects. */
    CompletableFuture<JsonNode> claim(final ApiRequest request) {
        final String name = request.args().text("device");
        final String secret = request.args().optionalText("secretKey").orElse("");
        return claims.complete(request.account(), name, secret)
                .thenCompose(claimed -> changes.revoked(
                                List.of(claimed.deviceId()), "the device was claimed by another account")
                        .thenApply(told -> JSON.createObjectNode()
                                .put("status", "SUCCESS")
                                .put("device", claimed.device())
                                .put("deviceId", claimed.deviceId())));
    }
}

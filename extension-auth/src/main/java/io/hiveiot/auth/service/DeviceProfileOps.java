package io.hiveiot.auth.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.auth.credential.PasswordVerifier;
import io.hiveiot.auth.profile.DeviceProfiles;
import io.hiveiot.auth.profile.ProfileTopics;
import io.hiveiot.auth.profile.StoredProfile;
import io.hiveiot.auth.provision.ProvisionProfile;
import io.hiveiot.auth.provision.ProvisionProfiles;
import io.hiveiot.kit.api.ApiException;
import io.hiveiot.kit.api.ApiRequest;
import io.hiveiot.kit.api.Args;
import io.hiveiot.kit.secret.SecretGenerator;
import io.hiveiot.kit.thingsboard.DeviceProfile;
import io.hiveiot.kit.thingsboard.DeviceProfile.PayloadType;
import io.hiveiot.kit.thingsboard.DeviceProfile.Schema;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static io.hiveiot.auth.service.RegistryJson.JSON;

/**
 * Device profiles of the requester's account ({@code profile.*}): payload type, topics and schemas, as
 * ThingsBoard's MQTT device profile carries them, and optionally the profile's provisioning settings (which the
 * {@code provision-profile.*} ops list too). A device picks its profile up at its next connect.
 */
final class DeviceProfileOps {

    private static final int KEY_LENGTH = 20;
    private static final Map<Schema, String> ARGUMENTS = Map.of(
            Schema.TELEMETRY,
            "telemetryProto",
            Schema.ATTRIBUTES,
            "attributesProto",
            Schema.RPC_REQUEST,
            "rpcRequestProto",
            Schema.RPC_RESPONSE,
            "rpcResponseProto");

    private final DeviceProfiles profiles;
    private final ProvisionProfiles provisioning;
    private final PasswordVerifier passwords;
    private final RegistryChanges changes;

    DeviceProfileOps(
            final DeviceProfiles profiles,
            final ProvisionProfiles provisioning,
            final PasswordVerifier passwords,
            final RegistryChanges changes) {
        this.profiles = profiles;
        this.provisioning = provisioning;
        this.passwords = passwords;
        this.changes = changes;
    }

    CompletableFuture<JsonNode> create(final ApiRequest request) {
        final DeviceProfile profile =
                profile(request.args(), DeviceProfile.DEFAULT, request.args().text("name"));
        return profiles.create(request.account(), profile)
                .thenCompose(created -> provisioning(request, created).thenApply(secret -> describe(created, secret)));
    }

    CompletableFuture<JsonNode> update(final ApiRequest request) {
        final StoredProfile before =
                profiles.named(request.account(), request.args().text("name"));
        final DeviceProfile profile = profile(
                request.args(),
                before.profile(),
                request.args().optionalText("newName").orElse(before.name()));
        return profiles.update(before, profile).thenCompose(updated -> {
            changes.added();
            if (!request.args().json().has("provisioning")) {
                return CompletableFuture.completedFuture(describe(updated, Optional.empty()));
            }
            return provisioning
                    .deleteOfDeviceProfile(updated.id())
                    .thenCompose(
                            removed -> provisioning(request, updated).thenApply(secret -> describe(updated, secret)));
        });
    }

    CompletableFuture<JsonNode> list(final ApiRequest request) {
        return profiles.deviceCounts(request.account()).thenApply(counts -> {
            final ObjectNode result = JSON.createObjectNode();
            final ArrayNode list = result.putArray("profiles");
            profiles.ofAccount(request.account())
                    .forEach(profile -> list.add(
                            describe(profile, Optional.empty()).put("devices", counts.getOrDefault(profile.id(), 0))));
            return result;
        });
    }

    CompletableFuture<JsonNode> delete(final ApiRequest request) {
        final StoredProfile profile =
                profiles.named(request.account(), request.args().text("name"));
        return profiles.delete(profile).thenApply(deleted -> {
            provisioning.forgetDeviceProfile(deleted.id());
            return JSON.createObjectNode().put("name", deleted.name()).put("deleted", true);
        });
    }

    /** The profile the arguments describe; what they leave out stays as in {@code base}. */
    private static DeviceProfile profile(final Args args, final DeviceProfile base, final String name) {
        if (name.isEmpty() || name.length() > 255 || name.equals(DeviceProfile.DEFAULT.name())) {
            throw ApiException.badRequest("a profile name is 1 to 255 characters, and 'default' is reserved");
        }
        final PayloadType payloadType;
        try {
            payloadType = PayloadType.valueOf(
                    args.optionalText("payloadType").orElse(base.payloadType().name()));
        } catch (final IllegalArgumentException e) {
            throw ApiException.badRequest("args.payloadType is JSON or PROTOBUF");
        }
        final String telemetry = args.optionalText("telemetryTopic").orElse(base.telemetryTopic());
        final String attributes = args.optionalText("attributesTopic").orElse(base.attributesTopic());
        final String subscribe = args.optionalText("attributesSubscribeTopic").orElse(base.attributesSubscribeTopic());
        check("telemetryTopic", telemetry, ProfileTopics.filterProblem(telemetry));
        check("attributesTopic", attributes, ProfileTopics.filterProblem(attributes));
        check("attributesSubscribeTopic", subscribe, ProfileTopics.filterProblem(subscribe));
        if (telemetry.equals(attributes)) {
            throw ApiException.badRequest("args.telemetryTopic and args.attributesTopic must differ");
        }
        final var schemas = new EnumMap<Schema, String>(Schema.class);
        schemas.putAll(base.schemas());
        for (final Map.Entry<Schema, String> argument : ARGUMENTS.entrySet()) {
            final JsonNode value = args.json().get(argument.getValue());
            if (value == null) {
                continue;
            }
            if (value.isNull()) {
                schemas.remove(argument.getKey());
                continue;
            }
            final String text = args.text(argument.getValue());
            if (text.getBytes(StandardCharsets.UTF_8).length > DeviceProfile.MAX_SCHEMA_BYTES) {
                throw ApiException.badRequest(
                        "args." + argument.getValue() + " is at most " + DeviceProfile.MAX_SCHEMA_BYTES + " bytes");
            }
            schemas.put(argument.getKey(), text);
        }
        if (payloadType == PayloadType.PROTOBUF
                && (!schemas.containsKey(Schema.TELEMETRY) || !schemas.containsKey(Schema.ATTRIBUTES))) {
            throw ApiException.badRequest("a PROTOBUF profile needs args.telemetryProto and args.attributesProto");
        }
        return new DeviceProfile(name, payloadType, telemetry, attributes, subscribe, schemas);
    }

    private static void check(final String argument, final String value, final Optional<String> problem) {
        problem.ifPresent(text -> {
            throw ApiException.badRequest("args." + argument + " '" + value + "' " + text);
        });
    }

    /** Stores the provisioning settings the request gives; @return the secret, to be shown once */
    private CompletableFuture<Optional<String>> provisioning(final ApiRequest request, final StoredProfile profile) {
        final Optional<Args> settings = request.args().object("provisioning");
        if (settings.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        final String key = settings.get().optionalText("key").orElseGet(() -> SecretGenerator.generate(KEY_LENGTH));
        final String secret =
                settings.get().optionalText("secret").orElseGet(() -> SecretGenerator.generate(KEY_LENGTH));
        final ProvisionProfile.Strategy strategy =
                ProvisionProfile.Strategy.parse(settings.get().optionalText("strategy"));
        if (key.length() > 255 || secret.length() > 255) {
            throw ApiException.badRequest("a key and a secret have at most 255 characters");
        }
        return passwords
                .hash(secret)
                .thenCompose(hash ->
                        provisioning.create(new ProvisionProfile(key, hash, strategy, request.account(), profile.id())))
                .thenApply(created -> Optional.of(secret));
    }

    private ObjectNode describe(final StoredProfile stored, final Optional<String> secret) {
        final DeviceProfile profile = stored.profile();
        final ObjectNode node = JSON.createObjectNode()
                .put("name", profile.name())
                .put("payloadType", profile.payloadType().name())
                .put("telemetryTopic", profile.telemetryTopic())
                .put("attributesTopic", profile.attributesTopic())
                .put("attributesSubscribeTopic", profile.attributesSubscribeTopic());
        ARGUMENTS.forEach((schema, argument) -> profile.schema(schema).ifPresent(text -> node.put(argument, text)));
        provisioning.ofDeviceProfile(stored.id()).ifPresent(settings -> {
            final ObjectNode provisioningNode = node.putObject("provisioning")
                    .put("key", settings.key())
                    .put("strategy", settings.strategy().name());
            secret.ifPresent(text -> provisioningNode.put("secret", text));
        });
        return node;
    }
}

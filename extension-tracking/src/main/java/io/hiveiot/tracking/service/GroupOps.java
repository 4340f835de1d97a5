package io.hiveiot.tracking.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.kit.api.ApiException;
import io.hiveiot.kit.api.ApiRequest;
import io.hiveiot.kit.api.Args;
import io.hiveiot.kit.api.OpTable;
import io.hiveiot.tracking.group.Families;
import io.hiveiot.tracking.group.Family;
import io.hiveiot.tracking.group.FamilyNames;
import io.hiveiot.tracking.group.GroupStore;

import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The tracking service's ops on group topic families: {@code family.*} and {@code group.*}. A family is the
 * requester's when its account is; other accounts' families are "not found", except that a name in use
 * cannot be taken (a family name is a topic's first level, shared by all). Families from config.xml are
 * read-only here.
 */
public final class GroupOps {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MEMBERS = 10_000;

    private final Families families;
    private final GroupStore store;
    private final String trackingPrefix;
    private final Clock clock;

    public GroupOps(final Families families, final GroupStore store, final String trackingPrefix, final Clock clock) {
        this.families = families;
        this.store = store;
        this.trackingPrefix = trackingPrefix;
        this.clock = clock;
    }

    OpTable.Builder bind(final OpTable.Builder ops) {
        return ops.op("family.create", this::createFamily)
                .op("family.list", this::listFamilies)
                .op("family.delete", this::deleteFamily)
                .op("group.create", this::createGroup)
                .op("group.list", this::listGroups)
                .op("group.add", request -> changeMembers(request, true))
                .op("group.remove", request -> changeMembers(request, false))
                .op("group.delete", this::deleteGroup);
    }

    private CompletableFuture<JsonNode> createFamily(final ApiRequest request) {
        final String name = request.args().text("family");
        FamilyNames.reservedReason(name, trackingPrefix).ifPresent(reason -> {
            throw ApiException.badRequest(reason);
        });
        if (families.find(name).isPresent()) {
            throw new ApiException(ApiException.CONFLICT, "the family name " + name + " is taken");
        }
        return store.createFamily(name, request.account(), clock.millis()).thenApply(GroupOps::family);
    }

    private CompletableFuture<JsonNode> listFamilies(final ApiRequest request) {
        final ObjectNode result = JSON.createObjectNode();
        final ArrayNode list = result.putArray("families");
        families.all().stream()
                .filter(family -> family.account().equals(request.account()))
                .sorted(Comparator.comparing(Family::name))
                .forEach(family -> list.add(family(family)));
        return CompletableFuture.completedFuture(result);
    }

    private CompletableFuture<JsonNode> deleteFamily(final ApiRequest request) {
        final Family family = changeable(request);
        return store.deleteFamily(family.name())
                .thenApply(done ->
                        JSON.createObjectNode().put("family", family.name()).put("deleted", true));
    }

    private CompletableFuture<JsonNode> createGroup(final ApiRequest request) {
        final Family family = changeable(request);
        final String group = groupName(request.args(), family);
        if (family.isGroup(group)) {
            throw new ApiException(ApiException.CONFLICT, "family " + family.name() + " has a group " + group);
        }
        final Set<String> members = members(request.args(), family, false);
        return store.changeGroup(family.name(), group, members, Set.of()).thenApply(changed -> group(changed, group));
    }

    private CompletableFuture<JsonNode> listGroups(final ApiRequest request) {
        final Family family = owned(request);
        final ObjectNode result = JSON.createObjectNode().put("family", family.name());
        final ArrayNode list = result.putArray("groups");
        family.groups().keySet().stream().sorted().forEach(group -> list.add(group(family, group)));
        return CompletableFuture.completedFuture(result);
    }

    private CompletableFuture<JsonNode> changeMembers(final ApiRequest request, final boolean add) {
        final Family family = changeable(request);
        final String group = existingGroup(request.args(), family);
        final Set<String> devices = members(request.args(), family, true);
        return store.changeGroup(family.name(), group, add ? devices : Set.of(), add ? Set.of() : devices)
                .thenApply(changed -> group(changed, group));
    }

    private CompletableFuture<JsonNode> deleteGroup(final ApiRequest request) {
        final Family family = changeable(request);
        final String group = existingGroup(request.args(), family);
        return store.deleteGroup(family.name(), group)
                .thenApply(changed -> JSON.createObjectNode()
                        .put("family", family.name())
                        .put("group", group)
                        .put("deleted", true));
    }

    private Family owned(final ApiRequest request) {
        final String name = request.args().text("family");
        return families.find(name)
                .filter(family -> family.account().equals(request.account()))
                .orElseThrow(() -> ApiException.notFound("the account has no family " + name));
    }

    private Family changeable(final ApiRequest request) {
        final Family family = owned(request);
        if (family.configured()) {
            throw new ApiException(
                    ApiException.FORBIDDEN,
                    "family " + family.name() + " is configured in hive-iot-tracking's config.xml; change it there");
        }
        return family;
    }

    private static String groupName(final Args args, final Family family) {
        final String group = args.text("group");
        if (!FamilyNames.isLevel(group)) {
            throw ApiException.badRequest("args.group is one topic level: no / + # or white space");
        }
        if (family.groups().values().stream().anyMatch(members -> members.contains(group))) {
            throw new ApiException(
                    ApiException.CONFLICT,
                    group + " is a device of family " + family.name()
                            + ": a group of that name would share its topics");
        }
        return group;
    }

    private static String existingGroup(final Args args, final Family family) {
        final String group = args.text("group");
        if (!family.isGroup(group)) {
            throw ApiException.notFound("family " + family.name() + " has no group " + group);
        }
        return group;
    }

    private static Set<String> members(final Args args, final Family family, final boolean required) {
        final JsonNode value = args.json().get("devices");
        if (value == null || value.isNull()) {
            if (required) {
                throw ApiException.badRequest("args.devices is required: an array of device names");
            }
            return Set.of();
        }
        if (!value.isArray() || value.size() > MAX_MEMBERS) {
            throw ApiException.badRequest("args.devices must be an array of at most " + MAX_MEMBERS + " names");
        }
        final Set<String> members = new LinkedHashSet<>();
        for (final JsonNode member : value) {
            if (!member.isTextual() || !FamilyNames.isLevel(member.asText())) {
                throw ApiException.badRequest("args.devices holds device names: one topic level each");
            }
            if (family.isGroup(member.asText())) {
                throw new ApiException(
                        ApiException.CONFLICT,
                        member.asText() + " is a group of family " + family.name() + ", not a device");
            }
            members.add(member.asText());
        }
        return members;
    }

    private static ObjectNode family(final Family family) {
        final ObjectNode node = JSON.createObjectNode()
                .put("family", family.name())
                .put("source", family.configured() ? "config" : "service");
        final ArrayNode groups = node.putArray("groups");
        family.groups().keySet().stream().sorted().forEach(groups::add);
        return node;
    }

    private static ObjectNode group(final Family family, final String group) {
        final ObjectNode node =
                JSON.createObjectNode().put("family", family.name()).put("group", group);
        final ArrayNode devices = node.putArray("devices");
        family.members(group).stream().sorted().forEach(devices::add);
        return node;
    }
}

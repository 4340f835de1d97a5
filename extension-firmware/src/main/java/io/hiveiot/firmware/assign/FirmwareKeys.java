package io.hiveiot.firmware.assign;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.firmware.pkg.PackageInfo;
import io.hiveiot.firmware.pkg.PackageType;

/**
 * The shared attributes ThingsBoard writes for an assigned package, in its order: {@code fw_title},
 * {@code fw_version}, {@code fw_tag} (only with a tag), {@code fw_size}, {@code fw_checksum_algorithm},
 * {@code fw_checksum}; {@code sw_*} for software.
 */
public final class FirmwareKeys {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FirmwareKeys() {}

    /** Every assigned package's keys in one object: the {@code hive-iot.fw} connection attribute. */
    public static ObjectNode of(final Assignments assignments) {
        final ObjectNode keys = JSON.createObjectNode();
        for (final PackageType type : PackageType.values()) {
            assignments.get(type).ifPresent(info -> put(keys, info));
        }
        return keys;
    }

    /** One package's keys: the attribute push of an assignment. */
    public static ObjectNode of(final PackageInfo info) {
        final ObjectNode keys = JSON.createObjectNode();
        put(keys, info);
        return keys;
    }

    /** {@code {"deleted":[..]}}: the attribute push of an unassignment, naming the keys the device had. */
    public static ObjectNode deleted(final PackageInfo info) {
        final ObjectNode push = JSON.createObjectNode();
        final ArrayNode deleted = push.putArray("deleted");
        of(info).fieldNames().forEachRemaining(deleted::add);
        return push;
    }

    private static void put(final ObjectNode keys, final PackageInfo info) {
        final PackageType type = info.type();
        keys.put(type.key("title"), info.title());
        keys.put(type.key("version"), info.version());
        info.tag().ifPresent(tag -> keys.put(type.key("tag"), tag));
        keys.put(type.key("size"), info.size());
        keys.put(type.key("checksum_algorithm"), info.algorithm().name());
        keys.put(type.key("checksum"), info.checksum());
    }
}

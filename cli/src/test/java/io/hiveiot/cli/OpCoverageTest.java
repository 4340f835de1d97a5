package io.hiveiot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hiveiot.cli.connection.CliEnvironment;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every op of every service's JSON Schema (the source of truth) has its command: an op added
 * to a schema fails this test until the CLI has a command for it. Schemas of modules that are not in this
 * work tree are skipped.
 */
class OpCoverageTest {

    /** op of each service → the command that sends it. */
    private static final Map<String, Map<String, String>> COMMANDS = Map.of(
            "extension-auth/src/main/resources/api/registry.schema.json",
                    Map.ofEntries(
                            Map.entry("device.create", "devices create"),
                            Map.entry("device.update", "devices update"),
                            Map.entry("device.list", "devices list"),
                            Map.entry("device.get", "devices get"),
                            Map.entry("device.delete", "devices delete"),
                            Map.entry("credentials.issue", "credentials issue"),
                            Map.entry("credentials.rotate", "credentials rotate"),
                            Map.entry("credentials.revoke", "credentials revoke"),
                            Map.entry("status", "devices status"),
                            Map.entry("claim", "devices claim"),
                            Map.entry("account.create", "accounts create"),
                            Map.entry("account.list", "accounts list"),
                            Map.entry("account.update", "accounts update"),
                            Map.entry("account.delete", "accounts delete"),
                            Map.entry("account.rotate-secret", "accounts rotate-secret"),
                            Map.entry("provision-profile.create", "profiles create"),
                            Map.entry("provision-profile.list", "profiles list"),
                            Map.entry("provision-profile.delete", "profiles delete"),
                            Map.entry("profile.create", "device-profiles create"),
                            Map.entry("profile.update", "device-profiles update"),
                            Map.entry("profile.list", "device-profiles list"),
                            Map.entry("profile.delete", "device-profiles delete")),
            "extension-device-api/src/main/resources/api/devices.schema.json",
                    Map.ofEntries(
                            Map.entry("attributes.set", "attributes set"),
                            Map.entry("attributes.delete", "attributes delete"),
                            Map.entry("attributes.get", "attributes get"),
                            Map.entry("telemetry.latest", "telemetry latest"),
                            Map.entry("telemetry.history", "telemetry history"),
                            Map.entry("rpc", "rpc call"),
                            Map.entry("rpc.status", "rpc status"),
                            Map.entry("rpc.reply", "rpc reply"),
                            Map.entry("bucket.list", "buckets list"),
                            Map.entry("bucket.create", "buckets create"),
                            Map.entry("bucket.update", "buckets update"),
                            Map.entry("bucket.delete", "buckets delete"),
                            Map.entry("bucket.export", "buckets export")),
            "extension-firmware/src/main/resources/api/firmware.schema.json",
                    Map.ofEntries(
                            Map.entry("package.upload", "firmware upload"),
                            Map.entry("package.list", "firmware list"),
                            Map.entry("package.get", "firmware get"),
                            Map.entry("package.delete", "firmware delete"),
                            Map.entry("assign", "firmware assign"),
                            Map.entry("unassign", "firmware unassign"),
                            Map.entry("status", "firmware status")),
            "extension-tracking/src/main/resources/api/tracking.schema.json",
                    Map.ofEntries(
                            Map.entry("device.create", "tracking devices create"),
                            Map.entry("device.list", "tracking devices list"),
                            Map.entry("device.get", "tracking devices get"),
                            Map.entry("device.update", "tracking devices update"),
                            Map.entry("device.delete", "tracking devices delete"),
                            Map.entry("key.rotate", "tracking devices rotate-key"),
                            Map.entry("history", "tracking history"),
                            Map.entry("family.create", "tracking families create"),
                            Map.entry("family.list", "tracking families list"),
                            Map.entry("family.delete", "tracking families delete"),
                            Map.entry("group.create", "tracking groups create"),
                            Map.entry("group.list", "tracking groups list"),
                            Map.entry("group.add", "tracking groups add"),
                            Map.entry("group.remove", "tracking groups remove"),
                            Map.entry("group.delete", "tracking groups delete")));

    @Test
    void everyOpOfEverySchema_hasACommand() throws Exception {
        final CommandLine hiveIot =
                HiveIot.commandLine(new CliEnvironment(Map.of(), Optional.empty(), Clock.systemUTC()));
        for (final var service : COMMANDS.entrySet()) {
            final Path schema = Path.of("..").resolve(service.getKey());
            final Set<String> ops = new TreeSet<>();
            new ObjectMapper()
                    .readTree(schema.toFile())
                    .path("ops")
                    .fieldNames()
                    .forEachRemaining(ops::add);
            assertEquals(ops, new TreeSet<>(service.getValue().keySet()), "the ops of " + schema);
            for (final String command : service.getValue().values()) {
                assertTrue(exists(hiveIot, command), "no command `hive-iot " + command + "`");
            }
        }
    }

    private static boolean exists(final CommandLine root, final String path) {
        CommandLine command = root;
        for (final String name : path.split(" ")) {
            command = command.getSubcommands().get(name);
            if (command == null) {
                return false;
            }
        }
        return true;
    }
}

package io.hiveiot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import io.hiveiot.cli.exit.ExitCodes;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.hiveiot.cli.Cli.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry commands (devices, credentials, accounts, profiles, claim) and the exit codes of failures. */
class RegistryCommandsTest {

    @RegisterExtension
    static final HiveMqBroker broker = FleetBroker.withRegistryAndDevices().build();

    private final Cli cli = new Cli(broker);

    @Test
    void devicesCreate_printsTheTokenOnce_andListGetStatusShowTheDeviceWithoutIt() {
        final Cli.Result created = cli.run("devices", "create", "thermostat-1");
        assertEquals(0, created.exitCode(), created::toString);
        final String token = field(created.out(), "token");
        assertTrue(created.err().contains("shown only now"), created::toString);
        assertTrue(
                created.err().contains("mosquitto_pub -h 127.0.0.1 -p " + broker.port() + " -u '" + token + "'"),
                created::toString);

        final Cli.Result list = cli.run("devices", "list");
        assertEquals(0, list.exitCode(), list::toString);
        assertTrue(list.out().startsWith("NAME "), list::toString);
        assertTrue(list.out().lines().anyMatch(line -> line.startsWith("thermostat-1 ")), list::toString);
        assertTrue(list.out().lines().anyMatch(line -> line.startsWith("demo-device ")), list::toString);
        assertFalse(list.out().contains(token), "a list never shows a token");

        final Cli.Result get = cli.run("devices", "get", "thermostat-1");
        assertEquals(0, get.exitCode(), get::toString);
        assertEquals("no", field(get.out(), "connected"));
        assertTrue(get.out().contains("ACCESS_TOKEN"), get::toString);
        assertFalse(get.out().contains(token), "get never shows a token");

        final Mqtt3BlockingClient device = FleetBroker.mosquittoDevice(broker, token);
        final Cli.Result status = cli.run("devices", "status", "thermostat-1", "--json");
        assertEquals(0, status.exitCode(), status::toString);
        assertTrue(status.json().path("active").asBoolean(), status::toString);
        device.disconnect();
    }

    @Test
    void basicCredentials_asThingsBoardAllowsThem_andTheirSessionPolicy_showInDevicesGet() {
        final Cli.Result fox = cli.run(
                "devices",
                "create",
                "fox-login",
                "--username",
                "given",
                "--password",
                "pw",
                "--client-id",
                "^id-${username}-[0-9]{2}$",
                "--client-id-regex");
        assertEquals(0, fox.exitCode(), fox::toString);
        assertEquals("per-client-id", field(fox.out(), "sessions"));
        final Cli.Result alone = cli.run("devices", "create", "client-only", "--client-id", "tb-client-only");
        assertEquals(0, alone.exitCode(), alone::toString);
        assertTrue(alone.err().contains("connects with this client ID and no username"), alone::toString);
        final Cli.Result noPassword =
                cli.run("devices", "create", "no-password", "--username", "nopw", "--sessions", "per-client-id");
        assertEquals("per-client-id", field(noPassword.out(), "sessions"), noPassword::toString);

        final Cli.Result get = cli.run("devices", "get", "fox-login");
        assertEquals(0, get.exitCode(), get::toString);
        assertTrue(
                get.out()
                        .lines()
                        .anyMatch(
                                line -> line.matches(
                                        "basic:\\S+\\s+MQTT_BASIC\\s+given\\s+/\\^id-\\$\\{username}-\\[0-9]\\{2}\\$/\\s+per-client-id.*")),
                get::toString);
        final Cli.Result orphanPassword = cli.run("devices", "create", "bad-basic", "--password", "pw");
        assertEquals(64, orphanPassword.exitCode(), orphanPassword::toString);
    }

    @Test
    void accountsUpdate_givesTheRootTopicSpace_andListShowsIt() {
        assertEquals(0, cli.run("accounts", "create", "rooted").exitCode());
        final Cli.Result updated = cli.run("accounts", "update", "rooted", "--topic-space", "root");
        assertEquals(0, updated.exitCode(), updated::toString);
        assertTrue(updated.out().contains("account rooted has the root topic space"), updated::toString);
        final Cli.Result list = cli.run("accounts", "list");
        assertTrue(
                list.out().lines().anyMatch(line -> line.matches("rooted\\s+false\\s+true\\s+root\\s+0")),
                list::toString);
        final Cli.Result second = cli.run("accounts", "create", "also-root", "--topic-space", "root");
        assertEquals(1, second.exitCode(), second::toString);
        assertEquals(
                0,
                cli.run("accounts", "update", "rooted", "--topic-space", "account")
                        .exitCode());
    }

    @Test
    void devicesListJson_isTheServicesResult_forScripts() {
        cli.run("devices", "create", "json-1");
        final Cli.Result list = cli.run("devices", "list", "--json", "--limit", "1", "--all");
        assertEquals(0, list.exitCode(), list::toString);
        final JsonNode devices = list.json().path("devices");
        assertTrue(devices.size() >= 2, "--all follows the cursor past the first page of one: " + list);
        assertTrue(devices.findValuesAsText("name").contains("json-1"), list::toString);
        assertEquals("", list.err(), "nothing but JSON is printed with --json");
    }

    @Test
    void devicesDelete_removesIt_andAMissingDeviceExits1WithAHint() {
        cli.run("devices", "create", "doomed-1");
        final Cli.Result deleted = cli.run("devices", "delete", "doomed-1");
        assertEquals(0, deleted.exitCode(), deleted::toString);
        assertTrue(deleted.out().startsWith("deleted device doomed-1"), deleted::toString);

        final Cli.Result missing = cli.run("devices", "get", "doomed-1");
        assertEquals(1, missing.exitCode(), missing::toString);
        assertTrue(missing.err().startsWith("error: registry device.get failed: not-found"), missing::toString);
        assertTrue(missing.err().contains("`hive-iot devices list` lists them"), missing::toString);

        final Cli.Result json = cli.run("devices", "status", "doomed-1", "--json");
        assertEquals(1, json.exitCode(), json::toString);
        assertEquals("not-found", json.json().path("error").path("code").asText(), json::toString);
    }

    @Test
    void wrongSecret_exits2_andNamesTheSettingsToCheck() {
        final Map<String, String> environment = cli.environment();
        environment.put("HIVE_IOT_APP_ID", "demo");
        environment.put("HIVE_IOT_APP_SECRET", "not-the-secret");
        final Cli.Result refused = Cli.run(environment, "devices", "list");
        assertEquals(2, refused.exitCode(), refused::toString);
        assertTrue(refused.err().contains("refused app id 'demo': BAD_USER_NAME_OR_PASSWORD"), refused::toString);
        assertTrue(refused.err().contains("Check --app-id and --app-secret"), refused::toString);
        assertFalse(refused.err().contains("not-the-secret"), "secrets are never printed");
    }

    @Test
    void noBrokerListening_exits2_andSaysHowToStartOrFindIt() {
        final Cli.Result unreachable = cli.run("devices", "list", "--port", "1", "--timeout", "5s");
        assertEquals(2, unreachable.exitCode(), unreachable::toString);
        assertTrue(unreachable.err().contains("cannot connect to the broker at 127.0.0.1:1"), unreachable::toString);
        assertTrue(unreachable.err().contains("bin/hive-iot-broker"), unreachable::toString);
    }

    @Test
    void anotherAccountsApi_isRefusedByTheBroker_exit2() {
        final Cli.Result refused = cli.run("devices", "list", "--account", "someone-else");
        assertEquals(2, refused.exitCode(), refused::toString);
        assertTrue(refused.err().contains("refused the request to account 'someone-else'"), refused::toString);
    }

    @Test
    void aServiceNoExtensionServes_exits2_andSaysWhichToInstall() {
        final Cli.Result missing = cli.run("firmware", "list");
        assertEquals(2, missing.exitCode(), missing::toString);
        assertTrue(missing.err().contains("no `firmware` service"), missing::toString);
    }

    @Test
    void credentials_issueRotateRevoke_changeWhichTokensConnect() throws Exception {
        final String first = field(cli.run("devices", "create", "keyed-1").out(), "token");

        final Cli.Result issued = cli.run("credentials", "issue", "keyed-1", "--token", "keyed-1-second-token");
        assertEquals(0, issued.exitCode(), issued::toString);
        assertEquals("keyed-1-second-token", field(issued.out(), "token"));
        FleetBroker.mosquittoDevice(broker, "keyed-1-second-token").disconnect();

        final Cli.Result rotated = cli.run("credentials", "rotate", "keyed-1", "--json");
        assertEquals(0, rotated.exitCode(), rotated::toString);
        final String third = rotated.json().path("token").asText();
        assertFalse(third.isEmpty(), rotated::toString);
        assertThrows(Mqtt3ConnAckException.class, () -> FleetBroker.mosquittoDevice(broker, first));
        FleetBroker.mosquittoDevice(broker, third).disconnect();

        final Cli.Result basic = cli.run(
                "credentials",
                "issue",
                "keyed-1",
                "--username",
                "keyed-user",
                "--password",
                "keyed-pass",
                "--client-id",
                "keyed-1");
        assertEquals(0, basic.exitCode(), basic::toString);
        assertEquals("keyed-user", field(basic.out(), "username"));
        assertFalse(basic.out().contains("keyed-pass") || basic.err().contains("keyed-pass"), basic::toString);

        final Cli.Result revoked = cli.run("credentials", "revoke", "keyed-1");
        assertEquals(0, revoked.exitCode(), revoked::toString);
        assertTrue(revoked.out().matches("revoked [2-9] credential\\(s\\) of keyed-1\\s*"), revoked::toString);
        assertThrows(Mqtt3ConnAckException.class, () -> FleetBroker.mosquittoDevice(broker, third));
    }

    @Test
    void accounts_createUseRotateDelete_andANonAdminIsForbidden() {
        final Cli.Result created = cli.run("accounts", "create", "acme");
        assertEquals(0, created.exitCode(), created::toString);
        final String secret = field(created.out(), "app secret");

        final Map<String, String> acme = cli.environment();
        acme.put("HIVE_IOT_APP_ID", "acme");
        acme.put("HIVE_IOT_APP_SECRET", secret);
        final Cli.Result empty = Cli.run(acme, "devices", "list", "--json");
        assertEquals(0, empty.exitCode(), empty::toString);
        assertEquals(0, empty.json().path("devices").size(), "a new account has no devices: " + empty);

        final Cli.Result forbidden = Cli.run(acme, "accounts", "list");
        assertEquals(1, forbidden.exitCode(), forbidden::toString);
        assertTrue(forbidden.err().contains("forbidden"), forbidden::toString);
        assertTrue(forbidden.err().contains("administrative account"), forbidden::toString);

        final Cli.Result list = cli.run("accounts", "list");
        assertEquals(0, list.exitCode(), list::toString);
        assertTrue(list.out().lines().anyMatch(line -> line.startsWith("acme ")), list::toString);

        final Cli.Result rotated = cli.run("accounts", "rotate-secret", "acme", "--json");
        assertEquals(0, rotated.exitCode(), rotated::toString);
        acme.put("HIVE_IOT_APP_SECRET", rotated.json().path("appSecret").asText());
        assertEquals(0, Cli.run(acme, "devices", "list").exitCode(), "the new secret works");

        final Cli.Result deleted = cli.run("accounts", "delete", "acme");
        assertEquals(0, deleted.exitCode(), deleted::toString);
        assertEquals(2, Cli.run(acme, "devices", "list").exitCode(), "a deleted account cannot connect");
    }

    @Test
    void profiles_createListDelete_showingTheSecretOnlyOnCreate() {
        final Cli.Result created = cli.run(
                "profiles",
                "create",
                "--key",
                "line-1",
                "--secret",
                "line-1-secret",
                "--strategy",
                "check_pre_provisioned_devices");
        assertEquals(0, created.exitCode(), created::toString);
        assertEquals("CHECK_PRE_PROVISIONED_DEVICES", field(created.out(), "strategy"));

        final Cli.Result list = cli.run("provision-profiles", "list");
        assertEquals(0, list.exitCode(), list::toString);
        assertTrue(
                list.out()
                        .lines()
                        .anyMatch(line -> line.matches("line-1\\s+CHECK_PRE_PROVISIONED_DEVICES\\s+registry")),
                list::toString);
        assertFalse(list.out().contains("line-1-secret"), list::toString);

        assertEquals(0, cli.run("profiles", "delete", "line-1").exitCode());
        assertFalse(cli.run("profiles", "list").out().contains("line-1"));
    }

    @Test
    void deviceProfiles_createUpdateListDelete_andDevicesGetOneOrBecomeGateways(@TempDir final Path temp)
            throws Exception {
        final Path schema = temp.resolve("meter.proto");
        Files.writeString(schema, "syntax = \"proto3\";\nmessage Meter { double kwh = 1; }\n");
        final Cli.Result created = cli.run(
                "device-profiles",
                "create",
                "meters",
                "--payload-type",
                "protobuf",
                "--telemetry-proto",
                schema.toString(),
                "--attributes-proto",
                schema.toString(),
                "--telemetry-topic",
                "meters/+/data",
                "--provision-key",
                "meters-key");
        assertEquals(0, created.exitCode(), created::toString);
        assertEquals("PROTOBUF", field(created.out(), "payload type"));
        assertEquals("meters/+/data", field(created.out(), "telemetry topic"));
        assertFalse(field(created.out(), "provision secret").isEmpty(), created::toString);

        assertEquals(
                0,
                cli.run("devices", "create", "meter-1", "--profile", "meters").exitCode());
        assertEquals("meters", field(cli.run("devices", "get", "meter-1").out(), "profile"));
        final Cli.Result list = cli.run("device-profiles", "list");
        assertTrue(
                list.out()
                        .lines()
                        .anyMatch(line -> line.matches("meters\\s+PROTOBUF\\s+meters/\\+/data\\s+"
                                + "v1/devices/me/attributes\\s+meters-key\\s+1")),
                list::toString);

        final Cli.Result updated = cli.run("devices", "update", "meter-1", "--profile", "default", "--gateway", "true");
        assertEquals(0, updated.exitCode(), updated::toString);
        assertEquals("true", field(updated.out(), "gateway"));
        assertEquals(
                0,
                cli.run("device-profiles", "update", "meters", "--payload-type", "json")
                        .exitCode());
        assertEquals(0, cli.run("device-profiles", "delete", "meters").exitCode());
        assertFalse(cli.run("device-profiles", "list").out().contains("meters"));
        assertEquals(
                ExitCodes.USAGE,
                cli.run(
                                "device-profiles",
                                "create",
                                "x",
                                "--telemetry-proto",
                                temp.resolve("missing.proto").toString())
                        .exitCode());
    }

    @Test
    void claim_movesADeviceThatClaimedItselfIntoTheClaimingAccount_andAWrongSecretExits1() throws Exception {
        final String token = field(cli.run("devices", "create", "claimable-1").out(), "token");
        final Mqtt3BlockingClient device = FleetBroker.mosquittoDevice(broker, token);
        device.publishWith()
                .topic("v1/devices/me/claim")
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload("{\"secretKey\":\"s3cret\",\"durationMs\":60000}".getBytes(StandardCharsets.UTF_8))
                .send();

        final Map<String, String> other = cli.environment();
        other.put("HIVE_IOT_APP_ID", "claimer");
        other.put(
                "HIVE_IOT_APP_SECRET",
                field(cli.run("accounts", "create", "claimer").out(), "app secret"));
        final Cli.Result wrong = Cli.run(other, "devices", "claim", "claimable-1", "--secret", "wrong");
        assertEquals(1, wrong.exitCode(), wrong::toString);
        assertTrue(wrong.err().contains("claim-failed"), wrong::toString);

        final Cli.Result claimed = Cli.run(other, "devices", "claim", "claimable-1", "--secret", "s3cret");
        assertEquals(0, claimed.exitCode(), claimed::toString);
        assertTrue(claimed.out().contains("into account claimer"), claimed::toString);
        assertTrue(Cli.run(other, "devices", "list").out().contains("claimable-1"));
    }

    @Test
    void call_sendsAnyOp_andPrintsItsResultAsJson() {
        final Cli.Result result = cli.run("call", "registry", "device.get", "{\"device\":\"demo-device\"}");
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("demo-device", result.json().path("name").asText(), result::toString);

        final Cli.Result badJson = cli.run("call", "registry", "device.get", "{device}");
        assertEquals(64, badJson.exitCode(), badJson::toString);
        assertTrue(badJson.err().contains("ARGS is not valid JSON"), badJson::toString);
    }
}

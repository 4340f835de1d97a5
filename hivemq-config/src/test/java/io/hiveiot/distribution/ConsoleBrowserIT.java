package io.hiveiot.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.FreePort;
import io.hiveiot.testkit.RequiredTool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console in Debian's headless Chromium against the packaged distribution (bin/hive-iot-broker as its own
 * process), as an operator uses it after the README's quick start: log in with the first-run application, watch the
 * demo device, call it, create a device, upload and assign firmware, export a bucket; and a second account sees none
 * of it. Screenshots of every step go to target/console-browser/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConsoleBrowserIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration UI_TIMEOUT = Duration.ofSeconds(20);
    private static final Path ARTIFACTS = Path.of("target", "console-browser");
    private static final ObjectMapper JSON = new ObjectMapper();

    private BrokerProcess broker;
    private WebDriver browser;
    private Path downloads;
    private int mqttPort;
    private int httpPort;
    private Properties firstRun;
    private Mqtt5BlockingClient device;
    private final BlockingQueue<Mqtt5Publish> attributePushes = new LinkedBlockingQueue<>();

    @BeforeAll
    void start(@TempDir final Path temp) throws Exception {
        final Path chromium = RequiredTool.at("/usr/bin/chromium", "apt-get install chromium");
        final Path chromedriver = RequiredTool.at("/usr/bin/chromedriver", "apt-get install chromium-driver");
        Files.createDirectories(ARTIFACTS);
        mqttPort = FreePort.next();
        httpPort = FreePort.next();
        broker = BrokerProcess.start(
                BrokerProcess.distribution().resolve("bin/hive-iot-broker"),
                temp,
                temp.resolve("output"),
                Map.of(
                        "HIVE_IOT_MQTT_PORT", Integer.toString(mqttPort),
                        "HIVE_IOT_WS_PORT", Integer.toString(FreePort.next()),
                        "HIVE_IOT_HTTP_PORT", Integer.toString(httpPort),
                        "HIVEMQ_EXTENSION_FOLDER",
                                extensionsWithDemoBucket(temp).toString(),
                        "HIVEMQ_DATA_FOLDER", temp.resolve("data").toString(),
                        "HIVEMQ_LOG_FOLDER", temp.resolve("log").toString()));
        broker.awaitListening(mqttPort, START_TIMEOUT);
        final Path firstRunFile = temp.resolve("data/hive-iot/first-run.txt");
        broker.awaitFile(firstRunFile, START_TIMEOUT);
        firstRun = new Properties();
        firstRun.load(new StringReader(Files.readString(firstRunFile)));

        downloads = Files.createDirectories(temp.resolve("downloads"));
        final var options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1360,1700",
                "--user-data-dir=" + Files.createDirectories(temp.resolve("chromium-profile")));
        options.setExperimentalOption(
                "prefs",
                Map.of("download.default_directory", downloads.toString(), "download.prompt_for_download", false));
        final var logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(chromedriver.toFile())
                        .usingAnyFreePort()
                        .build(),
                options);
    }

    /** The distribution's extensions with the commented-out example bucket of hive-iot-device-api switched on. */
    private static Path extensionsWithDemoBucket(final Path temp) throws IOException {
        final Path copy = temp.resolve("extensions");
        BrokerProcess.copyTree(BrokerProcess.distribution().resolve("extensions"), copy);
        final Path config = copy.resolve("hive-iot-device-api/conf/config.xml");
        final String xml = Files.readString(config);
        final int start = xml.indexOf("<buckets>");
        final int end = xml.indexOf("</buckets>") + "</buckets>".length();
        final int commentEnd = xml.indexOf("-->", end);
        assertTrue(start > 0 && commentEnd > end, "the example bucket in " + config);
        final int commentStart = xml.lastIndexOf("<!--", start);
        Files.writeString(
                config,
                xml.substring(0, commentStart) + "<!-- the example, switched on by the test -->"
                        + xml.substring(start, end) + xml.substring(commentEnd + 3));
        return copy;
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (device != null && device.getState().isConnected()) {
            device.disconnect();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Order(1)
    void login_withTheFirstRunApplication_listsTheDemoDeviceOnline() throws Exception {
        // first contentful paint of the login page, in a fresh browser and once more when loaded again: recorded for
        // the report, not asserted (a wall-clock limit would fail on a busy machine)
        browser.get(console());
        final Object cold = firstContentfulPaint();
        browser.navigate().refresh();
        final Object warm = firstContentfulPaint();
        Files.writeString(
                ARTIFACTS.resolve("first-contentful-paint-ms.txt"),
                "fresh browser: " + cold + "\nreloaded: " + warm + "\n");
        screenshot("01-login");
        login(firstRun.getProperty("app-id"), firstRun.getProperty("app-secret"));

        device = connectDevice(firstRun.getProperty("device-token"), "console-it-demo-device");
        device.toAsync().publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.SUBSCRIBED, publish -> {
            if (publish.getTopic().toString().equals("v1/devices/me/attributes")) {
                attributePushes.add(publish);
            } else if (publish.getTopic().toString().startsWith("v1/devices/me/rpc/request/")) {
                device.toAsync()
                        .publishWith()
                        .topic(publish.getTopic().toString().replace("/request/", "/response/"))
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .payload("{\"pin\":26,\"value\":true}".getBytes(StandardCharsets.UTF_8))
                        .send();
            }
        });
        device.subscribeWith()
                .topicFilter("v1/devices/me/attributes")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        device.subscribeWith()
                .topicFilter("v1/devices/me/rpc/request/+")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();

        final String demo = firstRun.getProperty("device");
        waitFor(
                "the demo device online in the list",
                () -> "true"
                        .equals(attribute(
                                By.cssSelector("#device-rows tr[data-device='" + demo + "']"), "data-online")));
        screenshot("02-devices");
    }

    @Test
    @Order(2)
    void devicePage_showsPublishedValuesOnTheLiveChart() throws Exception {
        browser.get(console() + "#/device/" + firstRun.getProperty("device"));
        waitFor("the device page", () -> present(By.id("live-chart")));
        waitFor(
                "the device online",
                () -> "true"
                        .equals(browser.findElement(By.cssSelector("#main > div > div"))
                                .getAttribute("data-online")));
        for (int i = 0; i < 5; i++) {
            device.publishWith()
                    .topic("v1/devices/me/telemetry")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(("{\"temperature\":" + (20 + i) + ",\"humidity\":" + (50 - i) + "}")
                            .getBytes(StandardCharsets.UTF_8))
                    .send();
        }
        waitFor("five points on the live chart", () -> "5".equals(attribute(By.id("live-chart"), "data-points")));
        waitFor(
                "the latest temperature",
                () -> text(By.cssSelector("#latest-rows tr[data-key='temperature']"))
                        .contains("24"));
        assertTrue(present(By.cssSelector("#live-chart canvas")), "uPlot drew the chart");
        waitFor("the events in the device's log", () -> text(By.id("event-log")).contains("telemetry"));
        screenshot("03-device-live");

        browser.findElement(By.id("history-keys")).sendKeys("temperature, humidity");
        browser.findElement(By.id("history-load")).click();
        waitFor("the history chart", () -> text(By.id("history-status")).contains("values"));
        new Select(browser.findElement(By.id("history-agg"))).selectByValue("AVG");
        browser.findElement(By.id("history-load")).click();
        // an aggregation the service refuses shows its error; one it supports draws the chart
        waitFor("the aggregated history or the service's error", () -> {
            final String status = text(By.id("history-status"));
            return status.contains("values") || status.contains("bad-request");
        });
        screenshot("04-device-history");
    }

    @Test
    @Order(3)
    void sharedAttribute_setInTheConsole_reachesTheSubscribedDevice() throws Exception {
        attributePushes.clear();
        browser.findElement(By.id("shared-key")).sendKeys("interval");
        browser.findElement(By.id("shared-value")).sendKeys("30");
        browser.findElement(By.id("shared-save")).click();
        final Mqtt5Publish push = attributePushes.poll(20, TimeUnit.SECONDS);
        assertTrue(push != null, "no shared attribute push" + broker.output());
        assertEquals(30, JSON.readTree(push.getPayloadAsBytes()).get("interval").asInt());
        waitFor(
                "the shared attribute listed",
                () -> text(By.id("shared-attributes")).contains("interval"));
    }

    @Test
    @Order(4)
    void rpc_calledInTheConsole_showsTheDevicesAnswer() throws Exception {
        browser.findElement(By.id("rpc-method")).sendKeys("setGpio");
        final WebElement params = browser.findElement(By.id("rpc-params"));
        params.clear();
        params.sendKeys("{\"pin\":26,\"value\":true}");
        browser.findElement(By.id("rpc-send")).click();
        waitFor("the device's answer", () -> text(By.id("rpc-answer")).contains("\"pin\": 26"));
        assertTrue(text(By.id("rpc-status")).contains("answered"), text(By.id("rpc-status")));
        screenshot("05-device-rpc");
    }

    @Test
    @Order(5)
    void createDevice_showsItsTokenOnce_andTheTokenConnects() throws Exception {
        browser.get(console() + "#/devices");
        waitFor("the device list", () -> present(By.id("new-device-name")));
        browser.findElement(By.id("new-device-name")).sendKeys("console-made");
        browser.findElement(By.id("create-device")).click();
        waitFor("the new token", () -> present(By.id("new-device-token")));
        final String token = text(By.id("new-device-token")).trim();
        assertTrue(text(By.id("new-device-command")).contains("-u '" + token + "'"));
        screenshot("06-device-created");
        final Mqtt5BlockingClient made = connectDevice(token, "console-made-client");
        made.disconnect();
        browser.findElement(By.id("device-search")).sendKeys("console-m");
        waitFor(
                "the search",
                () -> browser.findElements(By.cssSelector("#device-rows tr")).size() == 1
                        && text(By.id("device-rows")).contains("console-made"));
    }

    @Test
    @Order(6)
    void firmware_uploadedInPieces_andAssigned_reachesTheDevice() throws Exception {
        final Path file = Files.createTempFile("firmware", ".bin");
        final byte[] bytes = new byte[150_000];
        new Random(7).nextBytes(bytes);
        Files.write(file, bytes);
        browser.get(console() + "#/firmware");
        waitFor("the firmware page", () -> present(By.id("upload-file")));
        browser.findElement(By.id("upload-file")).sendKeys(file.toAbsolutePath().toString());
        browser.findElement(By.id("upload-title")).sendKeys("console-fw");
        browser.findElement(By.id("upload-version")).sendKeys("1.0.0");
        browser.findElement(By.id("upload-button")).click();
        waitFor("the upload", () -> text(By.id("upload-status")).startsWith("uploaded console-fw 1.0.0: 150000"));
        assertEquals("1", browser.findElement(By.id("upload-progress")).getAttribute("value"));

        attributePushes.clear();
        browser.findElement(By.id("assign-device")).sendKeys(firstRun.getProperty("device"));
        browser.findElement(By.id("assign-button")).click();
        final Mqtt5Publish push = attributePushes.poll(20, TimeUnit.SECONDS);
        assertTrue(push != null, "no fw_* push" + broker.output());
        assertEquals(
                "console-fw",
                JSON.readTree(push.getPayloadAsBytes()).get("fw_title").asText());
        waitFor(
                "the rollout status",
                () -> text(By.cssSelector("tr[data-package='console-fw/1.0.0'] .rollout"))
                        .startsWith("1 assigned"));
        screenshot("07-firmware");
    }

    @Test
    @Order(7)
    void bucket_exportedAsCsv_isDownloaded() throws Exception {
        final String marker = UUID.randomUUID().toString();
        device.publishWith()
                .topic("accounts/demo/greenhouse/t1")
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(("{\"marker\":\"" + marker + "\"}").getBytes(StandardCharsets.UTF_8))
                .send();
        browser.get(console() + "#/buckets");
        waitFor("the bucket list", () -> text(By.id("bucket-rows")).contains("greenhouse"));
        new Select(browser.findElement(By.id("export-format"))).selectByValue("csv");
        browser.findElement(By.id("export-button")).click();
        final Path csv = downloads.resolve("greenhouse.csv");
        waitFor("the download", () -> Files.isRegularFile(csv) && csv.toFile().length() > 0);
        final String content = Files.readString(csv);
        assertTrue(content.startsWith("ts,topic,encoding,payload"), content);
        assertTrue(content.contains(marker), content);
        screenshot("08-buckets");
    }

    @Test
    @Order(8)
    void tracker_positions_drawnAsATrack() throws Exception {
        demoApi(api -> api.result(
                "tracking",
                "device.create",
                ApiClient.args()
                        .put("uid", "console-tracker")
                        .put("key", "console-tracker-key")
                        .put("name", "van 7")));
        for (int i = 0; i < 3; i++) {
            device.publishWith()
                    .topic("iotbind/tracking/console-tracker")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(("{\"uid\":\"console-tracker\",\"key\":\"console-tracker-key\",\"longitude\":"
                                    + (13.40 + i * 0.01) + ",\"latitude\":" + (52.52 + i * 0.005) + "}")
                            .getBytes(StandardCharsets.UTF_8))
                    .send();
        }
        browser.get(console() + "#/tracking");
        waitFor("the tracker", () -> text(By.id("tracker-rows")).contains("van 7"));
        browser.findElement(By.linkText("console-tracker")).click();
        waitFor("its track", () -> "3".equals(attribute(By.cssSelector("#track-plot svg"), "data-points")));
        screenshot("09-tracking");
    }

    @Test
    @Order(9)
    void anotherAccountsConsole_seesNoneOfTheDemoAccountsDevices() throws Exception {
        final JsonNode other = demoApi(
                api -> api.result("registry", "account.create", ApiClient.args().put("id", "other")));
        browser.findElement(By.id("logout")).click();
        login("other", other.get("appSecret").asText());
        browser.get(console() + "#/devices");
        waitFor("the other account's empty list", () -> text(By.id("main")).contains("(no devices)"));
        assertFalse(text(By.id("device-rows")).contains(firstRun.getProperty("device")));
        // a change of the fragment only: the tab keeps its connection as "other"
        browser.get(console() + "#/device/" + firstRun.getProperty("device"));
        waitFor("the registry's refusal", () -> text(By.id("device-status")).contains("not-found"));
        screenshot("10-other-account");
    }

    @Test
    @Order(10)
    void page_raisedNoContentSecurityPolicyViolation() {
        final List<String> violations = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy") || message.contains("Refused to"))
                .collect(Collectors.toList());
        assertTrue(violations.isEmpty(), violations.toString());
    }

    private Object firstContentfulPaint() {
        waitFor("the login page painted", () -> present(By.id("login-form")));
        return ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("const p = performance"
                        + ".getEntriesByName('first-contentful-paint')[0]; return p ? Math.round(p.startTime) : -1;");
    }

    /** An op of the demo application (ADMIN), outside the browser. */
    private JsonNode demoApi(final java.util.function.Function<ApiClient, JsonNode> call) {
        final Mqtt5BlockingClient app = MqttClient.builder()
                .useMqttVersion5()
                .identifier("demo/console-it")
                .serverHost(BrokerProcess.LOOPBACK)
                .serverPort(mqttPort)
                .buildBlocking();
        app.connectWith()
                .simpleAuth()
                .username(firstRun.getProperty("app-id"))
                .password(firstRun.getProperty("app-secret").getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth()
                .send();
        try (ApiClient api = new ApiClient(app, firstRun.getProperty("account"))) {
            return call.apply(api);
        } finally {
            app.disconnect();
        }
    }

    private void login(final String appId, final String secret) {
        waitFor("the login form", () -> browser.findElement(By.id("login")).isDisplayed());
        final WebElement id = browser.findElement(By.id("app-id"));
        id.clear();
        id.sendKeys(appId);
        browser.findElement(By.id("app-secret")).sendKeys(secret);
        browser.findElement(By.id("login-button")).click();
        waitFor("the logged-in console", () -> browser.findElement(By.id("nav")).isDisplayed());
        assertEquals("", browser.findElement(By.id("app-secret")).getAttribute("value"), "the secret field is emptied");
        final Object stored = ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript(
                        "return JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie;");
        assertFalse(String.valueOf(stored).contains(secret), "the AppSecret is kept in the tab's memory only");
    }

    private Mqtt5BlockingClient connectDevice(final String token, final String clientId) {
        final Mqtt5BlockingClient client = MqttClient.builder()
                .useMqttVersion5()
                .identifier(clientId)
                .serverHost(BrokerProcess.LOOPBACK)
                .serverPort(mqttPort)
                .buildBlocking();
        assertEquals(
                Mqtt5ConnAckReasonCode.SUCCESS,
                client.connectWith()
                        .simpleAuth()
                        .username(token)
                        .applySimpleAuth()
                        .send()
                        .getReasonCode());
        return client;
    }

    private String console() {
        return "http://127.0.0.1:" + httpPort + "/console/";
    }

    private void waitFor(final String what, final java.util.function.BooleanSupplier condition) {
        try {
            new WebDriverWait(browser, UI_TIMEOUT)
                    .ignoring(RuntimeException.class)
                    .until(driver -> condition.getAsBoolean());
        } catch (final RuntimeException e) {
            screenshot("failed-" + what.replaceAll("[^a-z0-9]+", "-"));
            throw new AssertionError(
                    "timed out waiting for " + what + "; page: " + text(By.tagName("main")) + broker.output(), e);
        }
    }

    private boolean present(final By by) {
        return !browser.findElements(by).isEmpty();
    }

    private String text(final By by) {
        final List<WebElement> found = browser.findElements(by);
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    private String attribute(final By by, final String name) {
        final List<WebElement> found = browser.findElements(by);
        return found.isEmpty() ? null : found.get(0).getAttribute(name);
    }

    private void screenshot(final String name) {
        try {
            final byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
            Files.write(ARTIFACTS.resolve(name + ".png"), png);
        } catch (final IOException | RuntimeException e) {
            // a missing screenshot must not hide the test's own outcome
        }
    }
}

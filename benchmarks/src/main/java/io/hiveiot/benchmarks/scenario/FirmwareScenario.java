package io.hiveiot.benchmarks.scenario;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import io.hiveiot.benchmarks.broker.BrokerMemory;
import io.hiveiot.benchmarks.broker.HeapSampler;
import io.hiveiot.benchmarks.firmware.ChunkRoute;
import io.hiveiot.benchmarks.firmware.FirmwareDownloads;
import io.hiveiot.benchmarks.firmware.FirmwareMessages;
import io.hiveiot.benchmarks.firmware.FirmwarePackage;
import io.hiveiot.benchmarks.firmware.PackageRollout;
import io.hiveiot.benchmarks.firmware.PlainChunkServer;
import io.hiveiot.benchmarks.load.Connector;
import io.hiveiot.benchmarks.load.Device;
import io.hiveiot.benchmarks.load.DeviceClient;
import io.hiveiot.benchmarks.provision.FirstRun;
import io.hiveiot.benchmarks.provision.ServiceClient;
import io.hiveiot.benchmarks.stats.LatencySummary;
import io.hiveiot.benchmarks.stats.Rates;
import io.hiveiot.benchmarks.stats.RequestTracker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * N devices download one package at the same time, chunk by chunk, as ThingsBoard devices do. For hive-iot
 * the demo application first uploads the package through the {@code firmware} service and assigns it to every device;
 * the devices then ask hive-iot-firmware for the chunks on ThingsBoard's OTA topics. For a plain broker a server
 * client of the load generator answers the same requests with the same bytes on plain topics, which the broker only
 * routes. Measured from the first chunk request to the last chunk: MiB received per second by all devices, chunk
 * latency, per-device download time, CPU per MiB, and the broker's heap (sampled during the download, and live after
 * forced GCs before and after it). Every device checks the SHA-256 of what it received.
 */
public final class FirmwareScenario implements Scenario {

    public static final String NAME = "firmware";
    /** A device that waits this long for a chunk gives up (ThingsBoard's Arduino SDK waits 5 s, then retries). */
    static final Duration CHUNK_TIMEOUT = Duration.ofSeconds(10);

    static final Duration HEAP_INTERVAL = Duration.ofMillis(500);
    static final String TITLE = "bench-fw";
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);
    private static final long SWEEP_MILLIS = 20;
    private static final double MIB = 1024.0 * 1024.0;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ScenarioResult run(final ScenarioContext context) throws InterruptedException {
        final FirmwareLoad load = context.traffic().firmware();
        final long deadline = System.nanoTime() + context.limits().timeLimit().toNanos();
        final List<Device> devices = context.fleet()
                .devices()
                .subList(0, Math.min(load.devices(), context.fleet().size()));
        final Connector.Outcome connected = Connector.connectAll(
                devices,
                context.target(),
                context.protocol(),
                context.concurrency(),
                context.limits().timeLimit());
        if (connected.connected().isEmpty()) {
            throw new IllegalStateException("no firmware device could connect: " + connected.failures());
        }
        final List<DeviceClient> clients = connected.connected();
        final Optional<FirstRun> service = context.app();
        final List<CompletableFuture<Void>> subscriptions = new ArrayList<>();
        for (final DeviceClient client : clients) {
            subscriptions.add(client.subscribe(
                    service.isPresent()
                            ? FirmwareMessages.DEVICE_RESPONSE_FILTER
                            : FirmwareMessages.plainResponseFilter(
                                    client.device().name()),
                    MqttQos.AT_LEAST_ONCE));
        }
        Scenarios.await(
                CompletableFuture.allOf(subscriptions.toArray(CompletableFuture[]::new)),
                "the devices' subscriptions",
                SETUP_TIMEOUT);

        final FirmwarePackage pkg = FirmwarePackage.seeded(load.size(), FirmwarePackage.SEED);
        final Map<String, Long> setupFailures = new TreeMap<>(connected.failures());
        final long setupStart = System.nanoTime();
        List<DeviceClient> downloading = clients;
        final ChunkRoute route;
        final List<PlainChunkServer> servers = new ArrayList<>();
        if (service.isPresent()) {
            final var refused = rollOut(context, service.get(), pkg, clients, deadline);
            refused.values().forEach(reason -> setupFailures.merge("DOWNLOAD assign " + reason, 1L, Long::sum));
            downloading = clients.stream()
                    .filter(client -> !refused.containsKey(client.device()))
                    .toList();
            route = ChunkRoute.thingsBoard(System.currentTimeMillis());
        } else {
            for (int i = 0; i < load.servers(); i++) {
                final var server = new PlainChunkServer(
                        DeviceClient.create(
                                serverDevice(context, i), context.target(), context.protocol(), SETUP_TIMEOUT),
                        pkg,
                        FirmwareMessages.plainRequestFilter(load.servers()));
                servers.add(server);
                Scenarios.await(server.start(), "the firmware server's connect and subscription", SETUP_TIMEOUT);
            }
            route = ChunkRoute.plain();
        }
        final double setupSeconds = (System.nanoTime() - setupStart) / 1e9;

        if (System.nanoTime() >= deadline) {
            throw new IllegalStateException("the time limit was reached before the download started");
        }
        final Optional<BrokerMemory.Sample> heapBefore = context.brokerPid().isPresent()
                ? Optional.of(BrokerMemory.sample(context.brokerPid().getAsLong()))
                : Optional.empty();
        final Optional<HeapSampler> sampler = context.brokerPid().isPresent()
                ? HeapSampler.start(context.brokerPid().getAsLong(), HEAP_INTERVAL)
                : Optional.empty();
        if (sampler.isPresent()) {
            // jstat's own start (a JVM) stays out of the measured CPU.
            awaitFirstSample(sampler.get());
        }
        final var tracker = new RequestTracker(System.nanoTime(), deadline);
        final var downloads = new FirmwareDownloads(
                downloading,
                pkg,
                load.chunkSize(),
                route,
                tracker,
                context.limits().maxMessages());
        final var cpu = new CpuMeter(context);
        cpu.start();
        downloads.startAll();
        final String timeout = "no chunk within " + CHUNK_TIMEOUT.toSeconds() + " s";
        while (!downloads.allFinished() && System.nanoTime() < deadline) {
            downloads.expire(System.nanoTime(), CHUNK_TIMEOUT.toNanos(), timeout);
            Thread.sleep(SWEEP_MILLIS);
        }
        cpu.stop();
        final long unfinished = downloads.unfinished();
        downloads.abandon();
        if (sampler.isPresent()) {
            sampler.get().close();
        }
        final Optional<BrokerMemory.Sample> heapAfter = context.brokerPid().isPresent()
                ? Optional.of(BrokerMemory.sample(context.brokerPid().getAsLong()))
                : Optional.empty();
        final long serverRefused =
                servers.stream().mapToLong(PlainChunkServer::refused).sum();
        servers.forEach(PlainChunkServer::stop);
        Connector.disconnectAll(clients, ConnectScenario.DISCONNECT_TIMEOUT);

        final Duration elapsed = Duration.ofNanos(downloads.elapsedNanos());
        final double mib = downloads.bytesReceived() / MIB;
        final LatencySummary chunk = tracker.latency();
        final LatencySummary download = downloads.downloadTimes();
        final Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("devices", (double) devices.size());
        metrics.put("connected", (double) clients.size());
        metrics.put("refused", (double) connected.refused());
        metrics.put("completed", (double) downloads.completed());
        metrics.put("failed", (double) (clients.size() - downloads.completed() - unfinished));
        metrics.put("unfinished", (double) unfinished);
        metrics.put("bytes_received", (double) downloads.bytesReceived());
        metrics.put("chunks", (double) downloads.chunksReceived());
        metrics.put("elapsed_s", elapsed.toNanos() / 1e9);
        metrics.put("mb_per_s", elapsed.isZero() ? Double.NaN : mib / (elapsed.toNanos() / 1e9));
        metrics.put("chunks_per_s", Rates.perSecond(downloads.chunksReceived(), elapsed));
        metrics.put("chunk_p50_ms", chunk.p50Ms());
        metrics.put("chunk_p99_ms", chunk.p99Ms());
        metrics.put("chunk_max_ms", chunk.maxMs());
        metrics.put("download_p50_s", download.p50Ms() / 1000);
        metrics.put("download_max_s", download.maxMs() / 1000);
        metrics.put("broker_cpu_ms_per_mb", cpu.brokerMillisPer(mib));
        metrics.put("broker_jit_cpu_ms_per_mb", cpu.brokerJitMillisPer(mib));
        metrics.put("loadgen_cpu_ms_per_mb", cpu.selfMillisPer(mib));
        metrics.put(
                "heap_before_bytes",
                heapBefore.map(sample -> (double) sample.heapUsedBytes()).orElse(Double.NaN));
        metrics.put(
                "heap_peak_bytes",
                sampler.map(heap -> heap.peakBytes().isPresent()
                                ? (double) heap.peakBytes().getAsLong()
                                : Double.NaN)
                        .orElse(Double.NaN));
        metrics.put(
                "heap_after_bytes",
                heapAfter.map(sample -> (double) sample.heapUsedBytes()).orElse(Double.NaN));
        metrics.put("heap_samples", sampler.map(heap -> (double) heap.samples()).orElse(Double.NaN));

        final var out = context.out();
        out.printf(
                "firmware [%s, %s] %d devices download %,d bytes in chunks of %,d, %s%n",
                context.broker(),
                context.protocol().displayName(),
                downloading.size(),
                pkg.size(),
                load.chunkSize(),
                service.isPresent()
                        ? "from hive-iot-firmware (ThingsBoard OTA topics)"
                        : "from a server client on plain topics");
        out.printf(
                "  setup %.1f s (%s)%n",
                setupSeconds,
                service.isPresent()
                        ? "package.upload in " + pkg.chunkCount(PackageRollout.UPLOAD_PIECE)
                                + " pieces, assign per device"
                        : load.servers() + " server client(s) connected and subscribed");
        out.printf(
                "  completed %d of %d with the right SHA-256, %,.1f MiB in %.2f s: %.1f MiB/s, %.0f chunks/s%s%n",
                downloads.completed(),
                clients.size(),
                mib,
                elapsed.toNanos() / 1e9,
                metrics.get("mb_per_s"),
                metrics.get("chunks_per_s"),
                unfinished > 0
                        ? String.format(
                                " (time limit of %d s reached, %d devices " + "still downloading)",
                                context.limits().timeLimit().toSeconds(), unfinished)
                        : "");
        out.printf(
                "  chunk latency ms: p50 %.2f  p99 %.2f  max %.2f;  download per device s: p50 %.2f  max %.2f%n",
                chunk.p50Ms(),
                chunk.p99Ms(),
                chunk.maxMs(),
                metrics.get("download_p50_s"),
                metrics.get("download_max_s"));
        if (heapBefore.isPresent()) {
            out.printf(
                    "  broker heap: %.1f MiB live before, peak %.1f MiB used during (%,.0f samples), %.1f MiB live "
                            + "after;  CPU ms per MiB: broker %.1f, load generator %.1f%n",
                    heapBefore.get().heapUsedBytes() / MIB,
                    metrics.get("heap_peak_bytes") / MIB,
                    metrics.get("heap_samples"),
                    heapAfter.get().heapUsedBytes() / MIB,
                    metrics.get("broker_cpu_ms_per_mb"),
                    metrics.get("loadgen_cpu_ms_per_mb"));
        }
        final Map<String, Long> refusals = new TreeMap<>(setupFailures);
        downloads.failures().forEach((reason, count) -> refusals.merge("DOWNLOAD " + reason, count, Long::sum));
        if (!refusals.isEmpty() || serverRefused > 0) {
            out.printf(
                    "  failures: %s%s%n",
                    refusals, serverRefused > 0 ? ", chunk publishes of the server refused: " + serverRefused : "");
        }
        final Map<String, Object> parameters = Scenarios.parameters(context, devices.size());
        parameters.put("package_bytes", pkg.size());
        parameters.put("chunk_bytes", load.chunkSize());
        parameters.put("chunk_timeout_s", CHUNK_TIMEOUT.toSeconds());
        parameters.put("api", service.isPresent() ? "firmware service, v2/fw topics" : "plain MQTT");
        if (service.isEmpty()) {
            parameters.put("servers", load.servers());
        }
        return new ScenarioResult(
                name(), context.protocol().shortName(), context.broker(), parameters, metrics, refusals);
    }

    /** Uploads and assigns the package as the demo application; the devices whose assignment failed, by reason. */
    private static Map<Device, String> rollOut(
            final ScenarioContext context,
            final FirstRun app,
            final FirmwarePackage pkg,
            final List<DeviceClient> clients,
            final long deadline)
            throws InterruptedException {
        final String run = context.fleet().runId();
        try (ServiceClient firmware =
                ServiceClient.connect(context.target(), app, "bench-fw-" + run, FirmwareMessages.SERVICE, deadline)) {
            // A new version per run: hive-iot keeps every (title, version) once, and the data folder outlives a run.
            final var rollout = new PackageRollout(firmware, TITLE, run + "-" + System.currentTimeMillis());
            rollout.upload(pkg, deadline);
            return rollout.assign(clients.stream().map(DeviceClient::device).toList(), deadline);
        }
    }

    /** A plain broker lets anyone in. */
    static Device serverDevice(final ScenarioContext context, final int index) {
        final String run = context.fleet().runId();
        return new Device(
                -1,
                "firmware server " + index,
                "bench-fw-server-" + run + "-" + index,
                "bench-fw-server",
                Optional.empty());
    }

    private static void awaitFirstSample(final HeapSampler sampler) throws InterruptedException {
        final long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sampler.samples() == 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
    }
}

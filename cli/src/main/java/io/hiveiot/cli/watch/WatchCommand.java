package io.hiveiot.cli.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.hiveiot.cli.CommonOptions;
import io.hiveiot.cli.HiveIotCommand;
import io.hiveiot.cli.connection.ApiSession;
import io.hiveiot.cli.connection.ConnectionProblem;
import io.hiveiot.cli.connection.ConnectionSettings;
import io.hiveiot.cli.exit.ExitCodes;
import io.hiveiot.cli.output.Json;
import io.hiveiot.cli.output.Output;
import io.hiveiot.cli.output.Timestamps;
import io.hiveiot.cli.time.DurationText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Follows the account's event stream ({@code users/<account>/devices}) live: one line per event, or
 * one JSON object per line with --json, until Ctrl-C, {@code --count} events or {@code --for} a while.
 */
@Command(
        name = "watch",
        description = "Follow the account's device events live (telemetry, attributes, "
                + "connected, disconnected, rpc, firmware, tracking) until Ctrl-C, --count or --for.",
        footer = {
            "",
            "Examples:",
            "  hive-iot watch",
            "  hive-iot watch --device thermostat-1 --event telemetry",
            "  hive-iot watch --json --count 10 | jq .data"
        })
public final class WatchCommand extends HiveIotCommand {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration CLEAN_DISCONNECT = Duration.ofSeconds(2);

    @Mixin
    CommonOptions options;

    @Option(names = "--device", paramLabel = "DEVICE", description = "Only this device's events.")
    String device;

    @Option(
            names = "--event",
            paramLabel = "EVENT",
            split = ",",
            description = "Only these kinds (comma-separated), e.g. telemetry,connected.")
    Set<String> events;

    @Option(names = "--count", paramLabel = "N", description = "Stop after N events.")
    Integer count;

    @Option(
            names = "--for",
            paramLabel = "DURATION",
            converter = DurationText.class,
            description = "Stop after DURATION, e.g. 10s or 5m.")
    Duration duration;

    @Override
    public Integer call() throws InterruptedException {
        final Output output = new Output(
                spec.commandLine().getOut(),
                spec.commandLine().getErr(),
                options.output().json());
        final ConnectionSettings settings = ConnectionSettings.resolve(options.connection(), environment());
        final CountDownLatch done = new CountDownLatch(1);
        final CountDownLatch closed = new CountDownLatch(1);
        final AtomicInteger seen = new AtomicInteger();
        // Ctrl-C: end the wait, then give the main thread a moment to disconnect cleanly before the JVM exits.
        final Thread stopOnCtrlC = new Thread(
                () -> {
                    done.countDown();
                    awaitQuietly(closed, CLEAN_DISCONNECT);
                },
                "hive-iot-watch-stop");
        final boolean hooked = addShutdownHook(stopOnCtrlC);
        try (ApiSession api = ApiSession.open(settings)) {
            // The per-device topics carry the same envelope; the account topic is one subscription for all.
            final String topic = device == null
                    ? "users/" + api.account() + "/devices"
                    : "users/" + api.account() + "/devices/" + device + "/+";
            api.subscribe(topic, publish -> {
                if (done.getCount() > 0 && show(publish, output) && count != null && seen.incrementAndGet() >= count) {
                    done.countDown();
                }
            });
            output.notice("watching " + topic + (count == null && duration == null ? " (Ctrl-C to stop)" : ""));
            awaitEnd(api, done);
        } finally {
            closed.countDown();
            if (hooked) {
                removeShutdownHook(stopOnCtrlC);
            }
        }
        return ExitCodes.OK;
    }

    /** Until --count events, --for, Ctrl-C, or a lost connection (which a watch must not sit through silently). */
    private void awaitEnd(final ApiSession api, final CountDownLatch done) throws InterruptedException {
        final long start = System.nanoTime();
        while (true) {
            long wait = POLL.toNanos();
            if (duration != null) {
                // Elapsed time, not deadlines: nanoTime itself may be negative or wrap.
                final long left = duration.toNanos() - (System.nanoTime() - start);
                if (left <= 0) {
                    return;
                }
                wait = Math.min(wait, left);
            }
            if (done.await(wait, TimeUnit.NANOSECONDS)) {
                return;
            }
            if (!api.isConnected()) {
                throw new ConnectionProblem(
                        "the connection to the broker was lost while watching",
                        "Check that the broker is running (and that the app secret was not rotated), then "
                                + "watch again.");
            }
        }
    }

    private static void awaitQuietly(final CountDownLatch latch, final Duration limit) {
        try {
            latch.await(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Prints the event unless a filter drops it; false when dropped or unreadable. */
    private boolean show(final Mqtt5Publish publish, final Output output) {
        final JsonNode event;
        try {
            event = Json.mapper().readTree(publish.getPayloadAsBytes());
        } catch (final IOException notJson) {
            return false;
        }
        if (events != null && !events.contains(event.path("event").asText())) {
            return false;
        }
        synchronized (output) {
            if (output.json()) {
                output.line(Json.compact(event));
            } else {
                output.line(Timestamps.format(event.path("ts")) + "  "
                        + event.path("device").asText() + "  "
                        + event.path("event").asText() + "  " + Json.compact(event.path("data")));
            }
        }
        return true;
    }

    private static boolean addShutdownHook(final Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (final IllegalStateException shuttingDown) {
            return false;
        }
    }

    private static void removeShutdownHook(final Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (final IllegalStateException shuttingDown) {
            // the JVM is exiting (Ctrl-C): the hook has run and ended the wait
        }
    }
}

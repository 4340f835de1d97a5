package io.hiveiot.benchmarks.profile;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a JFR file with the JDK's own consumer API and condenses it into a {@link ProfileSummary}. */
public final class JfrSummarizer {

    /** Libraries whose inclusive share is reported, by package prefix. */
    static final Map<String, String> LIBRARIES = new LinkedHashMap<>();
    /** Native frames where a thread waits rather than works. */
    private static final Set<String> IDLE = Set.of(
            "sun.nio.ch.EPoll.wait",
            "jdk.internal.misc.Unsafe.park",
            "java.lang.Object.wait",
            "java.lang.Thread.sleep",
            "sun.nio.ch.Net.accept",
            "sun.nio.ch.Net.poll",
            "io.netty.channel.epoll.Native.epollWait",
            "io.netty.channel.epoll.Native.epollWait0",
            "io.netty.channel.epoll.Native.epollBusyWait0",
            "java.lang.ref.Reference.waitForReferencePendingList",
            "java.lang.Thread.yield",
            "sun.nio.ch.SocketDispatcher.read0",
            "java.io.FileInputStream.readBytes",
            "sun.nio.ch.FileDispatcherImpl.read0",
            "java.lang.ProcessHandleImpl.waitForProcessExit0");

    static {
        LIBRARIES.put("io.hiveiot.", "hive-iot extensions (io.hiveiot)");
        LIBRARIES.put("org.sqlite.", "SQLite JDBC (org.sqlite)");
        LIBRARIES.put("org.jooq.", "jOOQ (org.jooq)");
        LIBRARIES.put("com.github.benmanes.caffeine.", "Caffeine (com.github.benmanes.caffeine)");
        LIBRARIES.put("com.fasterxml.jackson.", "Jackson (com.fasterxml.jackson)");
        LIBRARIES.put("sun.security.", "JDK security: digests, PBKDF2 (sun.security, javax.crypto)");
        LIBRARIES.put("javax.crypto.", "JDK security: digests, PBKDF2 (sun.security, javax.crypto)");
        LIBRARIES.put("com.hivemq.extensions.", "HiveMQ extension system (com.hivemq.extensions)");
        LIBRARIES.put("com.hivemq.", "HiveMQ (com.hivemq)");
        LIBRARIES.put("io.netty.", "Netty (io.netty)");
        LIBRARIES.put("jetbrains.exodus.", "Xodus, HiveMQ's session persistence (jetbrains.exodus)");
        LIBRARIES.put("ch.qos.logback.", "Logback (ch.qos.logback)");
    }

    private JfrSummarizer() {}

    public static ProfileSummary summarize(final Path file, final String broker, final String scenario, final int top) {
        final Map<String, Long> self = new HashMap<>();
        final Map<String, Long> outsideJdk = new HashMap<>();
        final Map<String, Long> hiveIot = new HashMap<>();
        final Map<String, Long> libraries = new HashMap<>();
        final Map<String, Long> threads = new HashMap<>();
        final Map<String, Long> nativeFrames = new HashMap<>();
        final Map<String, Long> allocClass = new HashMap<>();
        final Map<String, Long> allocSite = new HashMap<>();
        long samples = 0;
        long nativeSamples = 0;
        long allocBytes = 0;
        long gcCount = 0;
        Duration gcPause = Duration.ZERO;
        double machineCpu = 0;
        double jvmCpu = 0;
        long cpuEvents = 0;
        Instant first = null;
        Instant last = null;
        try (var recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                final RecordedEvent event = recording.readEvent();
                first = first == null || event.getStartTime().isBefore(first) ? event.getStartTime() : first;
                last = last == null || event.getEndTime().isAfter(last) ? event.getEndTime() : last;
                switch (event.getEventType().getName()) {
                    case "jdk.ExecutionSample" -> {
                        final List<RecordedFrame> frames = frames(event.getStackTrace());
                        if (frames.isEmpty()) {
                            continue;
                        }
                        samples++;
                        self.merge(method(frames.get(0)), 1L, Long::sum);
                        outsideJdk.merge(method(firstOutsideJdk(frames)), 1L, Long::sum);
                        frames.stream()
                                .filter(frame -> method(frame).startsWith("io.hiveiot."))
                                .findFirst()
                                .ifPresent(frame -> hiveIot.merge(method(frame), 1L, Long::sum));
                        final Set<String> seen = new LinkedHashSet<>();
                        for (final RecordedFrame frame : frames) {
                            final String library = library(method(frame));
                            if (library != null) {
                                seen.add(library);
                            }
                        }
                        seen.forEach(library -> libraries.merge(library, 1L, Long::sum));
                        if (event.getThread("sampledThread") != null) {
                            threads.merge(
                                    threadGroup(event.getThread("sampledThread").getJavaName()), 1L, Long::sum);
                        }
                    }
                    case "jdk.NativeMethodSample" -> {
                        final List<RecordedFrame> frames = frames(event.getStackTrace());
                        if (!frames.isEmpty() && !IDLE.contains(method(frames.get(0)))) {
                            nativeSamples++;
                            nativeFrames.merge(method(frames.get(0)), 1L, Long::sum);
                        }
                    }
                    case "jdk.ObjectAllocationSample" -> {
                        final long weight = event.getLong("weight");
                        allocBytes += weight;
                        allocClass.merge(event.getClass("objectClass").getName(), weight, Long::sum);
                        final List<RecordedFrame> frames = frames(event.getStackTrace());
                        if (!frames.isEmpty()) {
                            allocSite.merge(method(firstOutsideJdk(frames)), weight, Long::sum);
                        }
                    }
                    case "jdk.GarbageCollection" -> {
                        gcCount++;
                        gcPause = gcPause.plus(event.getDuration("sumOfPauses"));
                    }
                    case "jdk.CPULoad" -> {
                        machineCpu += event.getFloat("machineTotal");
                        jvmCpu += event.getFloat("jvmUser") + event.getFloat("jvmSystem");
                        cpuEvents++;
                    }
                    default -> {}
                }
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read the JFR recording " + file, e);
        }
        final Duration recorded = first == null ? Duration.ZERO : Duration.between(first, last);
        return new ProfileSummary(
                broker,
                scenario,
                recorded,
                samples,
                top(self, samples, top),
                top(outsideJdk, samples, top),
                top(hiveIot, samples, top),
                top(libraries, samples, libraries.size()),
                top(threads, samples, top),
                nativeSamples,
                top(nativeFrames, nativeSamples, top),
                allocBytes,
                top(allocClass, allocBytes, top),
                top(allocSite, allocBytes, top),
                gcCount,
                gcPause,
                cpuEvents == 0 ? Double.NaN : machineCpu / cpuEvents,
                cpuEvents == 0 ? Double.NaN : jvmCpu / cpuEvents);
    }

    private static List<RecordedFrame> frames(final RecordedStackTrace trace) {
        return trace == null
                ? List.of()
                : trace.getFrames().stream().filter(RecordedFrame::isJavaFrame).toList();
    }

    /** The first frame of library or application code: {@code HashMap.get} says less than who called it. */
    static RecordedFrame firstOutsideJdk(final List<RecordedFrame> frames) {
        return frames.stream()
                .filter(frame -> !isJdk(method(frame)))
                .findFirst()
                .orElse(frames.get(0));
    }

    static boolean isJdk(final String method) {
        return method.startsWith("java.")
                || method.startsWith("javax.")
                || method.startsWith("jdk.")
                || method.startsWith("sun.")
                || method.startsWith("com.sun.");
    }

    static String method(final RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    static String library(final String method) {
        for (final Map.Entry<String, String> library : LIBRARIES.entrySet()) {
            if (method.startsWith(library.getKey())) {
                return library.getValue();
            }
        }
        return null;
    }

    /** {@code hive-iot-auth-read-1} and {@code hive-iot-auth-read-2} are one pool: digits become #. */
    static String threadGroup(final String name) {
        return name == null ? "?" : name.replaceAll("\\d+", "#");
    }

    static List<ProfileSummary.Share> top(final Map<String, Long> counts, final long total, final int limit) {
        final List<ProfileSummary.Share> shares = new ArrayList<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .forEach(entry -> shares.add(new ProfileSummary.Share(
                        entry.getKey(), entry.getValue(), total == 0 ? 0 : 100.0 * entry.getValue() / total)));
        return shares;
    }
}

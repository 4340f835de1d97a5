package io.hiveiot.benchmarks.profile;

import io.hiveiot.benchmarks.broker.Jcmd;

import java.nio.file.Path;

/**
 * A JDK Flight Recorder recording of the broker, started and stopped with {@code jcmd} around one
 * scenario, with the JDK's {@code profile} settings (execution samples every 10 ms, allocation samples,
 * GC and CPU load).
 */
public final class JfrRecording {

    private static final String NAME = "hive-iot-bench";

    private final long pid;
    private final Path file;

    private JfrRecording(final long pid, final Path file) {
        this.pid = pid;
        this.file = file;
    }

    public static JfrRecording start(final long pid, final Path file) {
        Jcmd.run(pid, "JFR.start", "name=" + NAME, "settings=profile", "filename=" + file.toAbsolutePath());
        return new JfrRecording(pid, file);
    }

    /** Stops the recording and returns its file. */
    public Path stop() {
        Jcmd.run(pid, "JFR.stop", "name=" + NAME);
        return file;
    }
}

package io.hiveiot.benchmarks.driver;

import io.hiveiot.benchmarks.broker.BrokerMemory;
import io.hiveiot.benchmarks.broker.BrokerProcess;
import io.hiveiot.benchmarks.broker.JitCpu;
import io.hiveiot.benchmarks.scenario.BrokerRestart;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * The broker of a restart run: the process running now, which {@link #restart} stops with the distribution's normal
 * stop and starts again on the same folders and MQTT port, in a fresh JVM as an operator's restart does.
 */
final class RestartingBroker implements BrokerRestart, AutoCloseable {

    private final String heap;
    private final IntSupplier startNumbers;
    private final Consumer<BrokerProcess> started;
    private BrokerProcess current;

    /**
     * @param startNumbers numbers each start's console log
     * @param started      told of the new process, for the driver's shutdown hook
     */
    RestartingBroker(
            final BrokerProcess first,
            final String heap,
            final IntSupplier startNumbers,
            final Consumer<BrokerProcess> started) {
        this.current = first;
        this.heap = heap;
        this.startNumbers = startNumbers;
        this.started = started;
    }

    BrokerProcess current() {
        return current;
    }

    @Override
    public Restarted restart() throws InterruptedException {
        final BrokerProcess stopping = current;
        final long stop = System.nanoTime();
        if (!stopping.stop()) {
            throw new IllegalStateException(stopping.setup().kind().label() + " broker did not stop within its stop "
                    + "timeout and was killed: not an operator's restart; see " + stopping.consoleLog());
        }
        final long exited = System.nanoTime();
        current = BrokerProcess.launch(
                stopping.setup(),
                heap,
                "",
                startNumbers.getAsInt(),
                stopping.address().getPort());
        started.accept(current);
        final long listening = current.awaitListening();
        // Read at once: what the broker uses from now on is the storm's.
        final Optional<Duration> cpu = BrokerMemory.cpuTime(current.pid());
        final Optional<Duration> jit = JitCpu.of(current.pid());
        current.awaitStarted();
        return new Restarted(current.pid(), stop, exited, listening, cpu, jit);
    }

    @Override
    public void close() {
        current.close();
    }
}

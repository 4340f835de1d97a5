package io.hiveiot.benchmarks.scenario;

import io.hiveiot.benchmarks.load.Fleet;
import io.hiveiot.benchmarks.load.Protocol;
import io.hiveiot.benchmarks.provision.FirstRun;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything a scenario run needs to know.
 *
 * @param broker      label of the broker under test ({@code bare}, {@code hive-iot}, or what the user named it)
 * @param target      a loopback address (checked by {@link io.hiveiot.benchmarks.load.Loopback})
 * @param brokerPid   the broker's process, when it runs on this machine and its memory can be read
 * @param fleet       the devices; for hive-iot they exist in its registry already
 * @param concurrency at most this many CONNECTs in flight
 * @param hold        how long idle devices stay connected before the broker's memory is read
 * @param traffic     how the telemetry, rpc and firmware scenarios load the broker
 * @param app         the application that calls hive-iot's {@code devices} service (rpc) and {@code firmware} service
 *                    (firmware); empty for a plain MQTT broker, where those scenarios use plain request and response
 *                    topics
 * @param minTs       the telemetry scenario's client-side timestamps start at or after this (epoch ms), so
 *                    runs against the same device-data.db never write the same points
 * @param restart     stops and starts the broker under test (restart storm); empty for a broker the benchmarks do not
 *                    own
 */
public record ScenarioContext(
        String broker,
        InetSocketAddress target,
        OptionalLong brokerPid,
        Protocol protocol,
        Fleet fleet,
        int concurrency,
        Limits limits,
        Duration hold,
        TrafficSettings traffic,
        Optional<FirstRun> app,
        long minTs,
        PrintStream out,
        Optional<BrokerRestart> restart) {}

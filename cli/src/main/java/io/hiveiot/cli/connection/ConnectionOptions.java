package io.hiveiot.cli.connection;

import io.hiveiot.cli.time.DurationText;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where and as whom to connect. Each setting comes from its flag, else its environment variable,
 * else the distribution's first-run.txt (see {@link ConnectionSettings#resolve}).
 */
public final class ConnectionOptions {

    @Option(names = "--host", paramLabel = "HOST", description = "Broker host (env HIVE_IOT_HOST; default 127.0.0.1).")
    String host;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            description = "Broker MQTT port (env HIVE_IOT_PORT; default 1883, with --tls 8883).")
    Integer port;

    @Option(
            names = "--app-id",
            paramLabel = "ID",
            description = "Application id, i.e. the account id (env HIVE_IOT_APP_ID; default: first-run.txt).")
    String appId;

    @Option(
            names = "--app-secret",
            paramLabel = "SECRET",
            description = "Application secret (env HIVE_IOT_APP_SECRET, preferred: a flag shows in `ps`; "
                    + "default: first-run.txt).")
    String appSecret;

    @Option(
            names = "--account",
            paramLabel = "ACCOUNT",
            description = "Account whose API to use (env HIVE_IOT_ACCOUNT; default: the app id).")
    String account;

    @Option(
            names = "--first-run",
            paramLabel = "FILE",
            description = "The first-run.txt to read defaults from (default: <data>/hive-iot/first-run.txt "
                    + "of the distribution, or of HIVEMQ_DATA_FOLDER).")
    Path firstRunFile;

    @Option(names = "--tls", description = "Connect with TLS (the broker's TLS listener, usually port 8883).")
    boolean tls;

    @Option(
            names = "--cafile",
            paramLabel = "PEM",
            description = "With --tls: trust the CA certificate(s) in this PEM file instead of the JVM's.")
    Path caFile;

    @Option(
            names = "--insecure",
            description = "With --tls: accept any certificate and host name (self-signed development brokers only).")
    boolean insecure;

    // A field default, not picocli's defaultValue: the group's instance is ours when no connection flag is given.
    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            converter = DurationText.class,
            description = "How long to wait for the broker and for each answer (default 30s).")
    Duration timeout = Duration.ofSeconds(30);
}

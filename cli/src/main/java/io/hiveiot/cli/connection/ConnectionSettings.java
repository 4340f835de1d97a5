package io.hiveiot.cli.connection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The resolved connection: for each setting its flag wins over its environment variable, which wins
 * over first-run.txt. The secret of first-run.txt is only used for first-run.txt's own app id, never
 * for another app id given by flag or environment.
 */
public record ConnectionSettings(
        String host,
        int port,
        String appId,
        String appSecret,
        String account,
        Optional<TlsSettings> tls,
        Duration timeout) {

    public static final String DEFAULT_HOST = "127.0.0.1";

    /** Never prints the secret: records print their fields, and settings end up in messages. */
    @Override
    public String toString() {
        return appId + "@" + host + ":" + port + (tls.isPresent() ? " (TLS)" : "") + ", account " + account;
    }

    public static ConnectionSettings resolve(final ConnectionOptions options, final CliEnvironment environment) {
        final List<Path> candidates = FirstRunFile.candidates(options.firstRunFile, environment);
        final Optional<FirstRunFile> firstRun = FirstRunFile.find(candidates);
        final String host =
                first(options.host, environment.variable("HIVE_IOT_HOST")).orElse(DEFAULT_HOST);
        // The broker's generated CA lies beside first-run.txt: trusted when --tls names no CA file.
        final Optional<Path> caFile = Optional.ofNullable(options.caFile)
                .or(() -> firstRun.map(file -> file.path().resolveSibling("ca.pem"))
                        .filter(Files::isReadable));
        final Optional<TlsSettings> tls =
                options.tls ? Optional.of(new TlsSettings(caFile, options.insecure)) : Optional.empty();
        final int port = first(
                        options.port == null ? null : options.port.toString(), environment.variable("HIVE_IOT_PORT"))
                .map(ConnectionSettings::port)
                .orElse(tls.isPresent() ? 8883 : 1883);

        final Optional<String> givenAppId = first(options.appId, environment.variable("HIVE_IOT_APP_ID"));
        final Optional<String> firstRunAppId = firstRun.flatMap(file -> file.value("app-id"));
        final String appId = givenAppId
                .or(() -> firstRunAppId)
                .orElseThrow(() -> missing("application id", "--app-id or HIVE_IOT_APP_ID", candidates));
        final boolean appIdOfFirstRun = firstRunAppId.map(appId::equals).orElse(false);

        final String secret = first(options.appSecret, environment.variable("HIVE_IOT_APP_SECRET"))
                .or(() -> appIdOfFirstRun ? firstRun.flatMap(file -> file.value("app-secret")) : Optional.empty())
                .orElseThrow(() -> firstRunAppId.isPresent()
                        ? new ConnectionProblem(
                                "no application secret given for app id '" + appId + "' ("
                                        + firstRun.get().path() + " holds the one of '" + firstRunAppId.get()
                                        + "' only)",
                                "Pass --app-secret or set HIVE_IOT_APP_SECRET to the secret `accounts create` or "
                                        + "`accounts rotate-secret` showed for '" + appId + "'.")
                        : missing(
                                "application secret for app id '" + appId + "'",
                                "--app-secret or HIVE_IOT_APP_SECRET",
                                candidates));
        final String account = first(options.account, environment.variable("HIVE_IOT_ACCOUNT"))
                .or(() -> appIdOfFirstRun ? firstRun.flatMap(file -> file.value("account")) : Optional.empty())
                .orElse(appId);
        return new ConnectionSettings(host, port, appId, secret, account, tls, options.timeout);
    }

    private static int port(final String text) {
        try {
            final int port = Integer.parseInt(text.trim());
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (final NumberFormatException ignored) {
            // reported below
        }
        throw new ConnectionProblem(
                "'" + text + "' is not a port",
                "Give a port between 1 and 65535 "
                        + "with --port or HIVE_IOT_PORT (the broker's MQTT listener, 1883 by default).");
    }

    private static Optional<String> first(final String flag, final Optional<String> variable) {
        return Optional.ofNullable(flag).filter(value -> !value.isBlank()).or(() -> variable);
    }

    private static ConnectionProblem missing(final String what, final String how, final List<Path> candidates) {
        final String looked = candidates.isEmpty()
                ? "no first-run.txt location is known (bin/hive-iot sets it; or set HIVEMQ_DATA_FOLDER or --first-run)"
                : "no readable first-run.txt at "
                        + candidates.stream().map(Path::toString).collect(Collectors.joining(", "));
        return new ConnectionProblem(
                "no " + what + " given, and " + looked,
                "Pass " + how + ", or run bin/hive-iot of the distribution whose broker wrote "
                        + "data/hive-iot/first-run.txt (readable by you; it is mode 0600).");
    }
}

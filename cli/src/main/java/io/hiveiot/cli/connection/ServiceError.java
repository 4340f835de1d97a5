package io.hiveiot.cli.connection;

import io.hiveiot.cli.exit.CliFailure;
import io.hiveiot.cli.exit.ExitCodes;

/**
 * The service answered {@code {"ok":false,"error":{"code":..,"message":..}}}: exit code 1, or 3 when the
 * code is {@code timeout} (the device did not answer), since scripts treat timeouts alike.
 */
public final class ServiceError extends CliFailure {

    private final String code;
    private final String serviceMessage;

    public ServiceError(final String service, final String op, final String code, final String message) {
        super(
                "timeout".equals(code) ? ExitCodes.TIMEOUT : ExitCodes.SERVICE_ERROR,
                service + " " + op + " failed: " + code + ": " + message,
                hint(service, op, code));
        this.code = code;
        this.serviceMessage = message;
    }

    public String code() {
        return code;
    }

    public String serviceMessage() {
        return serviceMessage;
    }

    private static String hint(final String serviceName, final String op, final String code) {
        final String list = listCommand(serviceName, op);
        return switch (code) {
            case "not-found" -> "Check the name (names are case-sensitive); `" + list + "` lists them.";
            case "bad-request" -> "Check the arguments against the command's --help.";
            case "conflict" ->
                "It exists already or is still in use: choose another name, or delete or "
                        + "unassign what uses it first.";
            case "forbidden" ->
                "This account may not do it: account and provisioning commands need an "
                        + "administrative account (like demo), fw_*/sw_* attributes belong to `hive-iot firmware assign`.";
            case "unavailable" ->
                "The device is not connected (or not subscribed to its RPC topic), or the "
                        + "service is busy: check `hive-iot devices status <device>`, use `rpc call --persistent` "
                        + "to queue a call, or try again.";
            case "timeout" ->
                "The device did not answer in time: check it is connected and answers "
                        + "(`hive-iot devices status <device>`), or allow longer with --rpc-timeout.";
            case "claim-failed" ->
                "The secret is wrong or the claim expired: let the device claim again "
                        + "(v1/devices/me/claim) and retry within its duration.";
            case "unknown-op" ->
                "The broker's extension is older than this CLI: upgrade it, or use "
                        + "`hive-iot call` with an op it knows.";
            case "internal" -> "The broker failed: its log (log/hivemq.log) has the cause.";
            default -> "See the message above; `hive-iot <command> --help` describes the arguments.";
        };
    }

    /** The command that lists what the op's names refer to. */
    private static String listCommand(final String serviceName, final String op) {
        if (op.startsWith("bucket.")) {
            return "hive-iot buckets list";
        }
        if (op.startsWith("family.") || op.startsWith("group.")) {
            return "hive-iot tracking families list";
        }
        if (op.startsWith("account.")) {
            return "hive-iot accounts list";
        }
        if (op.startsWith("provision-profile.")) {
            return "hive-iot profiles list";
        }
        for (final Service service : Service.values()) {
            if (service.topicName().equals(serviceName)) {
                return service.listCommand();
            }
        }
        return "hive-iot --help";
    }
}

package io.hiveiot.cli.devices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.cli.CommandGroup;
import io.hiveiot.cli.CommonOptions;
import io.hiveiot.cli.connection.Service;
import io.hiveiot.cli.output.Json;
import io.hiveiot.cli.output.Table;
import io.hiveiot.cli.output.Timestamps;
import io.hiveiot.cli.time.DurationText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;

/** Server-side RPC to a device, the status of persistent calls, and answers to a device's own requests. */
@Command(
        name = "rpc",
        description = "RPC: call a device's method, follow a persistent call, answer a device's " + "own request.",
        footer = {"", "Example:", "  hive-iot rpc call thermostat-1 setGpio '{\"pin\":26,\"value\":1}'"})
public final class RpcCommand extends CommandGroup {

    @Command(
            name = "call",
            description = "Call METHOD on a device and print its response (two-way), or that it "
                    + "was sent (--oneway) or queued (--persistent). A device that does not answer within --rpc-timeout "
                    + "ends with exit code 3.",
            footer = {
                "",
                "Examples:",
                "  hive-iot rpc call thermostat-1 setGpio '{\"pin\":26,\"value\":1}'",
                "  hive-iot rpc call thermostat-1 reboot --oneway",
                "  hive-iot rpc call thermostat-1 setTarget 21 --persistent --expires 2h"
            })
    int call(
            @Mixin final CommonOptions options,
            @Parameters(index = "0", paramLabel = "DEVICE", description = "Device name.") final String device,
            @Parameters(index = "1", paramLabel = "METHOD", description = "RPC method.") final String method,
            @Parameters(
                            index = "2",
                            arity = "0..1",
                            paramLabel = "PARAMS",
                            description = "Parameters as JSON (default {}); text that is not JSON is sent as a string.")
                    final String params,
            @Option(
                            names = "--rpc-timeout",
                            paramLabel = "DURATION",
                            converter = DurationText.class,
                            defaultValue = "10s",
                            description = "How long the device has to answer (default ${DEFAULT-VALUE}).")
                    final Duration rpcTimeout,
            @Option(names = "--oneway", description = "Do not wait for a response.") final boolean oneway,
            @Option(
                            names = "--persistent",
                            description = "Store the call and send it whenever the device is "
                                    + "connected; follow it with `rpc status`.")
                    final boolean persistent,
            @Option(
                            names = "--expires",
                            paramLabel = "DURATION",
                            converter = DurationText.class,
                            description = "With --persistent: give up after DURATION (default: the service's, 1 day).")
                    final Duration expires) {
        final var clock = environment().clock();
        return run(options, (api, output) -> {
            final ObjectNode args = Json.object()
                    .put("device", device)
                    .put("method", method)
                    .put("timeoutMs", rpcTimeout.toMillis())
                    .put("oneway", oneway)
                    .put("persistent", persistent);
            args.set("params", params == null ? Json.object() : Json.value(params));
            if (expires != null) {
                args.put("expirationTime", clock.instant().plus(expires).toEpochMilli());
            }
            // The service answers a two-way call only when the device did, or when rpcTimeout ran out.
            final Duration wait = oneway || persistent ? api.timeout() : rpcTimeout.plus(api.timeout());
            final JsonNode result = api.call(Service.DEVICES, "rpc", args, wait);
            output.result(result, json -> {
                if (json.has("status")) {
                    output.line("queued as request " + json.path("requestId").asText() + " ("
                            + json.path("status").asText() + ", expires "
                            + Timestamps.format(json.path("expirationTime"))
                            + "); follow it with: hive-iot rpc status " + device + " "
                            + json.path("requestId").asText());
                } else if (json.has("response")) {
                    output.line(Json.pretty(json.get("response")));
                } else {
                    output.line("sent as request " + json.path("requestId").asText());
                }
            });
        });
    }

    @Command(
            name = "status",
            description = "Show the status of a persistent call (QUEUED, SENT, DELIVERED, "
                    + "SUCCESSFUL, TIMEOUT, EXPIRED, FAILED) and its response.",
            footer = {"", "Example:", "  hive-iot rpc status thermostat-1 7"})
    int status(
            @Mixin final CommonOptions options,
            @Parameters(index = "0", paramLabel = "DEVICE", description = "Device name.") final String device,
            @Parameters(index = "1", paramLabel = "REQUEST_ID", description = "The call's request id.")
                    final int requestId) {
        return run(options, (api, output) -> {
            final JsonNode result = api.call(
                    Service.DEVICES,
                    "rpc.status",
                    Json.object().put("device", device).put("requestId", requestId));
            output.result(result, json -> {
                final Table table = new Table("REQUEST", "METHOD", "STATUS", "CREATED", "EXPIRES", "RESPONSE");
                table.row(
                        json.path("requestId"),
                        json.path("method"),
                        json.path("status"),
                        Timestamps.format(json.path("createdTime")),
                        Timestamps.format(json.path("expirationTime")),
                        json.has("error") ? json.path("error") : json.path("response"));
                table.print(output.out());
            });
        });
    }

    @Command(
            name = "reply",
            description = "Answer a device's own (client-side) RPC request, seen by `hive-iot "
                    + "watch` as an rpc event with direction from-device.",
            footer = {"", "Example:", "  hive-iot rpc reply thermostat-1 3 '{\"time\":1764583200000}'"})
    int reply(
            @Mixin final CommonOptions options,
            @Parameters(index = "0", paramLabel = "DEVICE", description = "Device name.") final String device,
            @Parameters(index = "1", paramLabel = "REQUEST_ID", description = "The device's request id.")
                    final int requestId,
            @Parameters(
                            index = "2",
                            paramLabel = "RESPONSE",
                            description = "The response: JSON, or text sent " + "as a JSON string.")
                    final String response) {
        return run(options, (api, output) -> {
            final ObjectNode args = Json.object().put("device", device).put("requestId", requestId);
            args.set("response", Json.value(response));
            final JsonNode result = api.call(Service.DEVICES, "rpc.reply", args);
            output.result(
                    result,
                    json -> output.line(
                            json.path("sent").asBoolean()
                                    ? "sent the reply to request " + requestId
                                    : "not sent: request " + requestId + " was answered already or timed out"));
        });
    }
}

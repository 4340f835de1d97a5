package io.hiveiot.deviceapi.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.hiveiot.deviceapi.attributes.AttributeStore;
import io.hiveiot.deviceapi.bucket.Buckets;
import io.hiveiot.deviceapi.device.DeviceEvents;
import io.hiveiot.deviceapi.payload.AttributesParser;
import io.hiveiot.deviceapi.payload.PayloadLimits;
import io.hiveiot.deviceapi.rpc.ClientRpc;
import io.hiveiot.deviceapi.rpc.RpcSettings;
import io.hiveiot.deviceapi.session.DeviceRef;
import io.hiveiot.deviceapi.rpc.ServerRpc;
import io.hiveiot.deviceapi.session.DeviceSessions;
import io.hiveiot.deviceapi.telemetry.TelemetryStore;
import io.hiveiot.kit.api.ApiException;
import io.hiveiot.kit.api.ApiRequest;
import io.hiveiot.kit.api.ApiService;

import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The {@code devices} service (DESIGN.md §6): an account's applications read and write their devices' data and
 * command them. The device an op names is the one hive-iot-auth resolved in the requester's account and
 * annotated on the request; data is keyed by its id. {@code src/main/resources/api/devices.schema.json}
 * describes every op's arguments and result.
 */
public final class DevicesService implements ApiService {

    public static final String NAME = "devices";

    private final Map<String, Function<ApiRequest, CompletableFuture<JsonNode>>> ops = new TreeMap<>();

    public DevicesService(final AttributeStore attributes, final TelemetryStore telemetry, final ServerRpc serverRpc,
                          final ClientRpc clientRpc, final Buckets buckets, final DeviceSessions sessions,
                          final DeviceEvents events, final PayloadLimits limits, final RpcSettings rpcSettings,
                          final Clock clock) {
        final var attributeOps = new AttributeOps(attributes, new AttributesParser(limits), sessions, events);
        final var telemetryOps = new TelemetryOps(telemetry, clock);
        final var rpcOps = new RpcOps(serverRpc, clientRpc, rpcSettings, clock);
        final var bucketOps = new BucketOps(buckets, clock);
        ops.put("attributes.set", attributeOps::set);
        ops.put("attributes.delete", attributeOps::delete);
        ops.put("attributes.get", attributeOps::get);
        ops.put("telemetry.latest", telemetryOps::latest);
        ops.put("telemetry.history", telemetryOps::history);
        ops.put("rpc", rpcOps::call);
        ops.put("rpc.status", rpcOps::status);
        ops.put("rpc.reply", rpcOps::reply);
        ops.put("bucket.list", bucketOps::list);
        ops.put("bucket.export", bucketOps::export);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompletableFuture<JsonNode> handle(final ApiRequest request) {
        final var op = ops.get(request.op());
        if (op == null) {
            throw new ApiException(ApiException.UNKNOWN_OP,
                    "unknown op '" + request.op() + "'; the devices service has " + String.join(", ", ops.keySet()));
        }
        return op.apply(request);
    }

    /** The device the request names, as hive-iot-auth resolved it. */
    static DeviceRef target(final ApiRequest request) {
        final String deviceId = request.deviceId();
        return new DeviceRef(request.account(), request.args().text("device"), deviceId);
    }
}

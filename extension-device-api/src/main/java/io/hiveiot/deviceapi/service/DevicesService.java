package io.hiveiot.deviceapi.service;

import io.hiveiot.deviceapi.attributes.AttributeStore;
import io.hiveiot.deviceapi.bucket.Buckets;
import io.hiveiot.deviceapi.device.DeviceEvents;
import io.hiveiot.deviceapi.downlink.Downlinks;
import io.hiveiot.deviceapi.payload.AttributesParser;
import io.hiveiot.deviceapi.payload.PayloadLimits;
import io.hiveiot.deviceapi.route.DeviceLocations;
import io.hiveiot.deviceapi.route.NodeCalls;
import io.hiveiot.deviceapi.rpc.ClientRpc;
import io.hiveiot.deviceapi.rpc.RpcSettings;
import io.hiveiot.deviceapi.rpc.ServerRpc;
import io.hiveiot.deviceapi.session.DeviceRef;
import io.hiveiot.deviceapi.session.DeviceRoutes;
import io.hiveiot.deviceapi.telemetry.TelemetryStore;
import io.hiveiot.kit.api.ApiRequest;
import io.hiveiot.kit.api.OpTable;

import java.time.Clock;
import java.time.Duration;

/**
 * The {@code devices} service: an account's applications read and write their devices' data and
 * command them. The device an op names is the one hive-iot-auth resolved in the requester's account and
 * annotated on the request; data is keyed by its id. What needs the device's connection (RPC, shared-attribute
 * pushes, answers to its requests) runs on the broker node that holds it. {@code src/main/resources/api/devices.schema.json}
 * describes every op's arguments and result.
 */
public final class DevicesService {

    public static final String NAME = "devices";

    private DevicesService() {}

    public static OpTable create(
            final AttributeStore attributes,
            final TelemetryStore telemetry,
            final ServerRpc serverRpc,
            final ClientRpc clientRpc,
            final Buckets buckets,
            final DeviceRoutes routes,
            final Downlinks downlinks,
            final DeviceEvents events,
            final PayloadLimits limits,
            final RpcSettings rpcSettings,
            final BucketSettings bucketSettings,
            final Clock clock,
            final DeviceLocations locations,
            final NodeCalls calls) {
        final var atTheDevice = new AtTheDevice(routes, locations, calls);
        final var attributeOps =
                new AttributeOps(attributes, new AttributesParser(limits), routes, downlinks, events, atTheDevice);
        final var telemetryOps = new TelemetryOps(telemetry, clock);
        final var rpcOps = new RpcOps(serverRpc, clientRpc, rpcSettings, clock, routes, atTheDevice);
        final var bucketOps =
                new BucketOps(buckets, clock, bucketSettings.defaultRetention(), bucketSettings.deleteBatchSize());
        return OpTable.of(NAME, DevicesService.class.getClassLoader())
                .op("attributes.set", attributeOps::set)
                .op("attributes.delete", attributeOps::delete)
                .op("attributes.get", attributeOps::get)
                .op("telemetry.latest", telemetryOps::latest)
                .op("telemetry.history", telemetryOps::history)
                .op("rpc", rpcOps::call)
                .op("rpc.status", rpcOps::status)
                .op("rpc.reply", rpcOps::reply)
                .op("bucket.list", bucketOps::list)
                .op("bucket.create", bucketOps::create)
                .op("bucket.update", bucketOps::update)
                .op("bucket.delete", bucketOps::delete)
                .op("bucket.export", bucketOps::export)
                .build();
    }

    /**
     * What bucket ops need of the configuration.
     *
     * @param defaultRetention how long records of a bucket that names no retention are kept
     * @param deleteBatchSize  records one write deletes at most
     */
    public record BucketSettings(Duration defaultRetention, int deleteBatchSize) {}

    /** The device the request names, as hive-iot-auth resolved it. */
    static DeviceRef target(final ApiRequest request) {
        final String deviceId = request.deviceId();
        return new DeviceRef(request.account(), request.args().text("device"), deviceId);
    }
}

package io.hiveiot.benchmarks.firmware;

import io.hiveiot.benchmarks.load.Device;

/**
 * Where a device asks for chunk {@code n} and where its answers arrive: ThingsBoard's OTA topics (hive-iot) or the
 * plain topics the bare broker routes to the load generator's server.
 */
public interface ChunkRoute {

    String requestTopic(Device device, int chunk);

    /** Every chunk answer to {@code device} starts with this; the chunk index follows. */
    String responsePrefix(Device device);

    /**
     * ThingsBoard's protocol with one request id for the whole download: the package is fixed per request id at its
     * first request, and hive-iot remembers request ids per connection, so every device can use the same one.
     */
    static ChunkRoute thingsBoard(final long requestId) {
        return new ChunkRoute() {
            @Override
            public String requestTopic(final Device device, final int chunk) {
                return FirmwareMessages.chunkRequestTopic(requestId, chunk);
            }

            @Override
            public String responsePrefix(final Device device) {
                return "v2/fw/response/" + requestId + "/chunk/";
            }
        };
    }

    static ChunkRoute plain() {
        return new ChunkRoute() {
            @Override
            public String requestTopic(final Device device, final int chunk) {
                return FirmwareMessages.plainRequestTopic(device.name(), chunk);
            }

            @Override
            public String responsePrefix(final Device device) {
                return FirmwareMessages.plainResponsePrefix(device.name());
            }
        };
    }
}

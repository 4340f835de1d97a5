package io.hiveiot.firmware.chunk;

import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import com.hivemq.extension.sdk.api.interceptor.connect.ConnectInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.connect.parameter.ConnectInboundInput;
import com.hivemq.extension.sdk.api.interceptor.connect.parameter.ConnectInboundOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.OptionalInt;

/**
 * Remembers the Maximum Packet Size an MQTT 5 client announced in its CONNECT. HiveMQ silently drops a publish
 * larger than that instead of sending it, so a chunk that would not fit is answered with PAYLOAD_TOO_LARGE on
 * {@code v2/fw/error} instead: a device that never receives its chunk is ThingsBoard users' most common OTA problem.
 * MQTT 3.1.1 has no such limit to announce.
 */
public final class ClientPacketLimit implements ConnectInboundInterceptor {

    private static final Logger log = LoggerFactory.getLogger(ClientPacketLimit.class);

    static final String ATTRIBUTE = "hive-iot.fw.max-packet-size";
    /** Fixed header, topic length, packet identifier and property length of a chunk's PUBLISH, generously. */
    static final int PUBLISH_OVERHEAD = 16;
    /** MQTT 5's default: no limit announced. */
    private static final long UNLIMITED = 268_435_460L;

    @Override
    public void onConnect(final ConnectInboundInput input, final ConnectInboundOutput output) {
        try {
            final long limit = input.getConnectPacket().getMaximumPacketSize();
            if (limit > 0 && limit < UNLIMITED) {
                input.getConnectionInformation()
                        .getConnectionAttributeStore()
                        .putAsString(ATTRIBUTE, Long.toString(limit));
            }
        } catch (final RuntimeException e) {
            // Without the limit, an oversized chunk is dropped by HiveMQ: worse answers, never a refused CONNECT.
            log.warn(
                    "hive-iot-firmware: maximum packet size of {} not read: {}",
                    input.getClientInformation().getClientId(),
                    e.toString());
        }
    }

    /** The Maximum Packet Size the connection's client announced; empty when it announced none. */
    public static OptionalInt of(final ConnectionAttributeStore connection) {
        return connection
                .getAsString(ATTRIBUTE)
                .map(limit -> OptionalInt.of(Integer.parseInt(limit)))
                .orElse(OptionalInt.empty());
    }

    /** The largest payload of a publish on {@code topic} that fits a client's packet limit. */
    static int payloadLimit(final int maxPacketSize, final String topic) {
        return maxPacketSize - PUBLISH_OVERHEAD - topic.length();
    }
}

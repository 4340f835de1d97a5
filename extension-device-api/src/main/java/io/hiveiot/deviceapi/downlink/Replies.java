package io.hiveiot.deviceapi.downlink;

import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import com.hivemq.extension.sdk.api.services.publish.Publish;

import java.nio.ByteBuffer;

/** A message of this extension to one device: QoS 1, as every reply and push. */
public final class Replies {

    private Replies() {}

    public static Publish publish(final String topic, final byte[] payload) {
        return Builders.publish()
                .topic(topic)
                .qos(Qos.AT_LEAST_ONCE)
                .payload(ByteBuffer.wrap(payload))
                .build();
    }
}

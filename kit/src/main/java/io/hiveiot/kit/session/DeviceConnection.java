package io.hiveiot.kit.session;

import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import com.hivemq.extension.sdk.api.client.parameter.InitializerInput;
import com.hivemq.extension.sdk.api.packets.general.MqttVersion;
import io.hiveiot.kit.identity.ClientIdentity;

/**
 * One connection of a device, with what every extension that talks back to devices needs: who it is, the client ID
 * the broker runs its session under (replies go there with {@code publishToClient}), its connection attributes
 * (reply-subscription marks, annotations of other extensions) and whether it speaks MQTT 5 (reason codes).
 */
public record DeviceConnection(
        ClientIdentity device, String brokerClientId, ConnectionAttributeStore attributes, boolean mqtt5) {

    public static DeviceConnection of(final ClientIdentity device, final InitializerInput input) {
        final var connection = input.getConnectionInformation();
        return new DeviceConnection(
                device,
                input.getClientInformation().getClientId(),
                connection.getConnectionAttributeStore(),
                connection.getMqttVersion() == MqttVersion.V_5);
    }

    public String deviceId() {
        return device.deviceId();
    }
}

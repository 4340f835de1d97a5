package io.hiveiot.firmware.rollout;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.firmware.pkg.PackageInfo;
import io.hiveiot.kit.api.DeviceStream;
import io.hiveiot.kit.identity.ClientIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code firmware} events on the account's stream (this extension is their one publisher), with
 * ThingsBoard's key names in {@code data}: a device's report ({@code fw_state}, {@code fw_error},
 * {@code current_fw_*}); an assignment ({@code fw_state} INITIATED with {@code target_fw_title} and
 * {@code target_fw_version}, as ThingsBoard writes them); an unassignment ({@code unassigned} with the targets).
 * {@code type} says FIRMWARE or SOFTWARE.
 */
public final class FirmwareEvents {

    private static final Logger log = LoggerFactory.getLogger(FirmwareEvents.class);

    public void reported(final ClientIdentity device, final RolloutReport report, final long ts) {
        final ObjectNode data = DeviceStream.data().put("type", report.type().name());
        final var type = report.type();
        report.state().ifPresent(value -> data.put(type.key("state"), value));
        report.error().ifPresent(value -> data.put(type.key("error"), value));
        report.currentTitle().ifPresent(value -> data.put("current_" + type.key("title"), value));
        report.currentVersion().ifPresent(value -> data.put("current_" + type.key("version"), value));
        publish(device.account(), device.deviceName(), device.deviceId(), ts, data);
    }

    public void assigned(
            final String account, final String device, final String deviceId, final PackageInfo info, final long ts) {
        final ObjectNode data = target(info).put(info.type().key("state"), "INITIATED");
        publish(account, device, deviceId, ts, data);
    }

    public void unassigned(
            final String account, final String device, final String deviceId, final PackageInfo info, final long ts) {
        publish(account, device, deviceId, ts, target(info).put("unassigned", true));
    }

    private static ObjectNode target(final PackageInfo info) {
        final ObjectNode data = DeviceStream.data().put("type", info.type().name());
        data.put("target_" + info.type().key("title"), info.title());
        data.put("target_" + info.type().key("version"), info.version());
        info.tag().ifPresent(tag -> data.put("target_" + info.type().key("tag"), tag));
        return data;
    }

    private static void publish(
            final String account, final String device, final String deviceId, final long ts, final ObjectNode data) {
        try {
            DeviceStream.publish(account, device, deviceId, "firmware", ts, data)
                    .whenComplete((done, failure) -> {
                        if (failure != null) {
                            log.debug(
                                    "hive-iot-firmware: firmware event of {} not published: {}",
                                    deviceId,
                                    failure.toString());
                        }
                    });
        } catch (final RuntimeException e) {
            log.debug("hive-iot-firmware: firmware event of {} not published: {}", deviceId, e.toString());
        }
    }
}

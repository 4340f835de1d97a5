package io.hiveiot.kit.broker;

import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.admin.LicenseEdition;

/**
 * Whether the broker is HiveMQ Community Edition, or a commercial edition that may be one node of a HiveMQ cluster.
 * A cluster routes MQTT between its nodes and keeps one session per client ID across them; Community Edition nodes
 * that share a database know only their own clients.
 */
public final class BrokerEdition {

    private BrokerEdition() {}

    /** Whether HiveMQ itself may route between nodes: any edition but Community. */
    public static boolean mayBeClustered() {
        return Services.adminService().getLicenseInformation().getEdition() != LicenseEdition.COMMUNITY;
    }
}

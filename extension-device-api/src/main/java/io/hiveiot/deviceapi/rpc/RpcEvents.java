package io.hiveiot.deviceapi.rpc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.deviceapi.session.DeviceRef;

/** Where RPC events go: the account's stream, as {@code rpc} events. */
@FunctionalInterface
public interface RpcEvents {

    void rpc(DeviceRef target, ObjectNode data);
}

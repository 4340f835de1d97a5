package io.hiveiot.kit.identity;

/** What a connected client is, as extension-auth decided at CONNECT. */
public enum Role {
    /** A device: ThingsBoard device API, tracking, firmware. */
    DEVICE,
    /** An application (backend) of an account: streams and the request/response API. */
    APP,
    /** A provisioning-only session. */
    PROVISION,
    /** An application of an administrative account. */
    ADMIN
}

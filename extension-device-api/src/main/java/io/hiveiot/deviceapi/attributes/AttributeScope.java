package io.hiveiot.deviceapi.attributes;

/**
 * ThingsBoard's device-visible attribute scopes. CLIENT attributes are written by the device, SHARED ones by
 * applications (and pushed to the device when they change). Stored by name.
 */
enum AttributeScope {
    CLIENT,
    SHARED
}

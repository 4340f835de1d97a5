/**
 * Several broker nodes on one database: which node holds a device ({@link io.hiveiot.deviceapi.route.DeviceLocations})
 * and calls handed to that node and answered through the database's notifications
 * ({@link io.hiveiot.deviceapi.route.NodeCalls}).
 */
package io.hiveiot.deviceapi.route;

/**
 * Which devices are connected to this broker and how to reach them from the application side (shared-attribute
 * pushes, RPC requests).
 */
package io.hiveiot.deviceapi.session;

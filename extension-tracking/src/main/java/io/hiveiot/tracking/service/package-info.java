/** The {@code tracking} service of the application API: devices, keys, settings, history, families and groups. */
package io.hiveiot.tracking.service;

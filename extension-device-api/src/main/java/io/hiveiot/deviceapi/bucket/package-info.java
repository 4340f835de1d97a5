/**
 * Buckets (Thinger.io's data buckets): configured topic filters inside an account's topic space whose messages
 * are recorded in device-data.db and exported through the {@code devices} service.
 */
package io.hiveiot.deviceapi.bucket;

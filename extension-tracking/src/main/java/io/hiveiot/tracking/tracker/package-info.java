/**
 * The iotBind tracking protocol: uid/key messages on the tracking topics (update, {@code get}, {@code ping}),
 * tracking devices' state and connection status, their documents and stream events.
 */
package io.hiveiot.tracking.tracker;

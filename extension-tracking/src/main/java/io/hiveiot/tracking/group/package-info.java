/**
 * foxtrackr-style group topics: families of {@code {family}/{device}/{version}/{type}} topics owned by one
 * account, device groups, the fan-out of a device's publish to its groups' topics, and the guard that keeps a
 * family's deliveries inside its account.
 */
package io.hiveiot.tracking.group;

package io.hiveiot.console.health;

/**
 * One installed hive-iot extension as {@code /ready} reports it.
 *
 * @param id     the extension's id, its folder's name
 * @param ready  started, and its database answered a recent probe
 * @param reason why not, for the operator; empty when ready
 */
record ExtensionState(String id, boolean ready, String reason) {}

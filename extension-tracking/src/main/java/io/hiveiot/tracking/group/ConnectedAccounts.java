package io.hiveiot.tracking.group;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The account of each client with an identity connected to this node, so that a family changing hands spares the
 * subscriptions of its new owner's clients. A client not connected here counts as another account's.
 */
public final class ConnectedAccounts {

    private final ConcurrentHashMap<String, String> byClient = new ConcurrentHashMap<>();

    public void connected(final String clientId, final String account) {
        byClient.put(clientId, account);
    }

    public void disconnected(final String clientId) {
        byClient.remove(clientId);
    }

    Optional<String> of(final String clientId) {
        return Optional.ofNullable(byClient.get(clientId));
    }
}

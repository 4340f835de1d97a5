package io.hiveiot.registry.api;

import io.hiveiot.registry.identity.ClientIdentity;

/**
 * One application request: {@code {"op":..,"args":{..}}} published to
 * {@code users/<account>/api/<service>/request/<requestId>}. The account is the requester's, from
 * its connection, never from the topic (the topic's must equal it).
 */
public record ApiRequest(ClientIdentity requester, String service, String requestId, String op, Args args) {

    public String account() {
        return requester.account();
    }
}

package io.hiveiot.kit.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.concurrent.CompletableFuture;

/**
 * One service of the application API, served by the extension that owns its data. {@link #handle}
 * runs on a broker thread: it must only validate and hand the work on (to a database thread or its
 * own executor), returning a future the answer is published from.
 */
public interface ApiService {

    /** The {@code <service>} of {@code users/<account>/api/<service>/request/<id>}. */
    String name();

    /**
     * @return the op's result, or a future failed with {@link ApiException} for an error answer
     */
    CompletableFuture<JsonNode> handle(ApiRequest request);
}

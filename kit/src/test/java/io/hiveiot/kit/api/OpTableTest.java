package io.hiveiot.kit.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.identity.Role;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpTableTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ClientIdentity APP = new ClientIdentity(Role.APP, "acme", null, null, "acme/app");
    private static final ClientIdentity ADMIN = new ClientIdentity(Role.ADMIN, "root", null, null, "root/app");

    private final OpTable table = OpTable.of("sample", getClass().getClassLoader())
            .op(
                    "thing.create",
                    request -> CompletableFuture.completedFuture(
                            TextNode.valueOf("created " + request.args().text("name"))))
            .op("thing.list", request -> {
                throw ApiException.notFound("nothing here");
            })
            .adminOp("thing.purge", request -> CompletableFuture.completedFuture(TextNode.valueOf("purged")))
            .build();

    @Test
    void declaredOp_isHandled() {
        assertEquals(
                "created lamp",
                answer(
                                APP,
                                "thing.create",
                                "{\"name\":\"lamp\",\"paint\":{\"color\":\"red\"},"
                                        + "\"labels\":{\"anything\":\"goes\"}}")
                        .asText());
    }

    @Test
    void unknownOp_isUnknownOp_listingTheServicesOps() {
        final ApiException error = failure(APP, "thing.destroy", "{}");
        assertEquals(ApiException.UNKNOWN_OP, error.code());
        assertEquals(
                "unknown op 'thing.destroy'; the sample service has thing.create, thing.list, thing.purge",
                error.getMessage());
    }

    @Test
    void undeclaredArgument_isABadRequestNamingIt() {
        final ApiException error = failure(APP, "thing.create", "{\"name\":\"lamp\",\"publishTopic\":\"x\"}");
        assertEquals(ApiException.BAD_REQUEST, error.code());
        assertEquals(
                "args.publishTopic is not an argument of thing.create; it takes name, paint, labels",
                error.getMessage());
    }

    @Test
    void undeclaredNestedArgument_isABadRequestNamingItsPath() {
        final ApiException error = failure(APP, "thing.create", "{\"name\":\"lamp\",\"paint\":{\"colour\":\"red\"}}");
        assertEquals(
                "args.paint.colour is not an argument of thing.create; args.paint takes color, gloss",
                error.getMessage());
    }

    @Test
    void opWithOpenArguments_takesAnyName() {
        assertEquals(
                ApiException.NOT_FOUND,
                failure(APP, "thing.list", "{\"whatever\":1}").code());
    }

    @Test
    void adminOp_isForbiddenToOtherAccounts_andServedToAdmins() {
        assertEquals(ApiException.FORBIDDEN, failure(APP, "thing.purge", "{}").code());
        assertEquals("purged", answer(ADMIN, "thing.purge", "{}").asText());
    }

    @Test
    void handlerThatThrows_failsTheFuture_insteadOfThrowing() {
        final CompletableFuture<JsonNode> result = table.handle(request(APP, "thing.list", "{}"));
        assertTrue(result.isCompletedExceptionally());
    }

    @Test
    void opsAreTheSchemasOps() {
        assertEquals(Set.of("thing.create", "thing.list", "thing.purge"), table.ops());
    }

    @Test
    void schemaAndHandlersMustAgree() {
        assertThrows(
                IllegalStateException.class,
                () -> OpTable.of("sample", getClass().getClassLoader())
                        .op("thing.create", request -> null)
                        .build());
        assertThrows(
                IllegalStateException.class,
                () -> OpTable.of("sample", getClass().getClassLoader()).op("thing.undocumented", request -> null));
        assertThrows(
                IllegalStateException.class,
                () -> OpTable.of("missing", getClass().getClassLoader()));
    }

    private JsonNode answer(final ClientIdentity requester, final String op, final String args) {
        return table.handle(request(requester, op, args)).join();
    }

    private ApiException failure(final ClientIdentity requester, final String op, final String args) {
        final CompletionException thrown = assertThrows(
                CompletionException.class,
                () -> table.handle(request(requester, op, args)).join());
        return (ApiException) thrown.getCause();
    }

    private static ApiRequest request(final ClientIdentity requester, final String op, final String args) {
        try {
            return new ApiRequest(requester, "sample", "1", op, new Args((ObjectNode) JSON.readTree(args), "args"));
        } catch (final java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package io.hiveiot.kit.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hiveiot.kit.identity.Role;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A service's ops: declared with their arguments in the service's JSON Schema ({@code api/<service>.schema.json}
 * on the extension's class path, the document users and the CLI read), bound to handlers here. Every service
 * dispatches the same way: an unknown op, an argument the op does not declare, or an administrative op asked by
 * another account is answered with an error before any handler runs, and a handler that throws answers with a
 * failed future like one that fails it. Building the table fails when the schema and the handlers disagree, so a
 * documented op is always served and a served op always documented.
 */
public final class OpTable implements ApiService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Op(
            Function<ApiRequest, CompletableFuture<JsonNode>> handler,
            boolean adminOnly,
            Optional<ArgumentNames> arguments) {}

    private final String service;
    private final Map<String, Op> ops;

    private OpTable(final String service, final Map<String, Op> ops) {
        this.service = service;
        this.ops = ops;
    }

    /** Starts the table of {@code service}, whose schema is read from {@code extension}'s class path. */
    public static Builder of(final String service, final ClassLoader extension) {
        return new Builder(service, schema(service, extension));
    }

    @Override
    public String name() {
        return service;
    }

    /** The ops served, in name order. */
    public Set<String> ops() {
        return new TreeSet<>(ops.keySet());
    }

    @Override
    public CompletableFuture<JsonNode> handle(final ApiRequest request) {
        try {
            final Op op = ops.get(request.op());
            if (op == null) {
                throw new ApiException(
                        ApiException.UNKNOWN_OP,
                        "unknown op '" + request.op() + "'; the " + service + " service has "
                                + String.join(", ", ops.keySet()));
            }
            if (op.adminOnly() && request.requester().role() != Role.ADMIN) {
                throw new ApiException(ApiException.FORBIDDEN, request.op() + " is for administrative accounts");
            }
            op.arguments().ifPresent(names -> names.check(request.args().json(), "args", request.op()));
            return op.handler().apply(request);
        } catch (final RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static JsonNode schema(final String service, final ClassLoader extension) {
        final String path = "api/" + service + ".schema.json";
        try (InputStream in = extension.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the extension");
            }
            return JSON.readTree(in);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** Binds handlers to the ops the schema declares. */
    public static final class Builder {

        private final String service;
        private final JsonNode schema;
        private final Map<String, Op> ops = new TreeMap<>();

        private Builder(final String service, final JsonNode schema) {
            this.service = service;
            this.schema = schema;
        }

        public Builder op(final String name, final Function<ApiRequest, CompletableFuture<JsonNode>> handler) {
            return bind(name, handler, false);
        }

        /** An op only administrative accounts may ask; others get {@code forbidden}. */
        public Builder adminOp(final String name, final Function<ApiRequest, CompletableFuture<JsonNode>> handler) {
            return bind(name, handler, true);
        }

        private Builder bind(
                final String name,
                final Function<ApiRequest, CompletableFuture<JsonNode>> handler,
                final boolean adminOnly) {
            final JsonNode declared = schema.path("ops").path(name);
            if (!declared.isObject()) {
                throw new IllegalStateException("op " + name + " of the " + service + " service is not declared in "
                        + "api/" + service + ".schema.json");
            }
            if (ops.put(name, new Op(handler, adminOnly, ArgumentNames.of(declared.path("args"), schema))) != null) {
                throw new IllegalStateException("op " + name + " is bound twice");
            }
            return this;
        }

        /** @throws IllegalStateException when the schema declares an op no handler serves */
        public OpTable build() {
            for (final Iterator<String> it = schema.path("ops").fieldNames(); it.hasNext(); ) {
                final String declared = it.next();
                if (!ops.containsKey(declared)) {
                    throw new IllegalStateException("op " + declared + " is declared in api/" + service
                            + ".schema.json but the " + service + " service has no handler for it");
                }
            }
            return new OpTable(service, Collections.unmodifiableMap(new TreeMap<>(ops)));
        }
    }
}

package io.hiveiot.kit.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The argument names an op declares in its JSON Schema, at every level: an object schema that lists
 * {@code properties} and does not allow {@code additionalProperties} takes those names and no others. A name an
 * op does not take is refused rather than ignored, so a misspelt argument never silently falls back to a default.
 */
final class ArgumentNames {

    private final List<String> names;
    private final Map<String, ArgumentNames> nested;

    private ArgumentNames(final List<String> names, final Map<String, ArgumentNames> nested) {
        this.names = names;
        this.nested = nested;
    }

    /**
     * @param schema the op's {@code args} schema
     * @param root   the whole schema document, for {@code #/$defs/...} references
     * @return the names, or empty when the schema leaves the names open
     */
    static Optional<ArgumentNames> of(final JsonNode schema, final JsonNode root) {
        final JsonNode resolved = resolve(schema, root);
        final JsonNode properties = resolved.path("properties");
        final JsonNode additional = resolved.path("additionalProperties");
        if (!properties.isObject() || (!additional.isMissingNode() && !additional.equals(BooleanNode.FALSE))) {
            return Optional.empty();
        }
        final List<String> names = new ArrayList<>();
        final Map<String, ArgumentNames> nested = new TreeMap<>();
        for (final Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            final Map.Entry<String, JsonNode> property = it.next();
            names.add(property.getKey());
            of(property.getValue(), root).ifPresent(inner -> nested.put(property.getKey(), inner));
        }
        return Optional.of(new ArgumentNames(List.copyOf(names), nested));
    }

    /**
     * @param path the arguments' path in messages, e.g. {@code args}
     * @throws ApiException {@code bad-request} naming the first argument that is not declared
     */
    void check(final JsonNode args, final String path, final String op) {
        for (final Iterator<String> it = args.fieldNames(); it.hasNext(); ) {
            final String name = it.next();
            if (!names.contains(name)) {
                throw ApiException.badRequest(path + "." + name + " is not an argument of " + op + "; "
                        + (path.equals("args") ? "it takes " : path + " takes ") + String.join(", ", names));
            }
            final ArgumentNames inner = nested.get(name);
            final JsonNode value = args.get(name);
            if (inner != null && value.isObject()) {
                inner.check(value, path + "." + name, op);
            }
        }
    }

    private static JsonNode resolve(final JsonNode schema, final JsonNode root) {
        final JsonNode ref = schema.path("$ref");
        if (ref.isTextual() && ref.asText().startsWith("#/")) {
            return resolve(root.at(ref.asText().substring(1)), root);
        }
        return schema;
    }
}

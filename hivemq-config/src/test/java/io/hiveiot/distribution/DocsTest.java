package io.hiveiot.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * docs/ describes what the code does: every op and argument of every service's JSON Schema is in
 * application-api.md, and every element of every extension's configuration schema in configuration.md. A schema that
 * gains an op or an element fails this test until the documentation has it. The READMEs and docs/ explain themselves:
 * their links lead somewhere, and nothing points outside the repository.
 */
class DocsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String XSD = XMLConstants.W3C_XML_SCHEMA_NS_URI;
    /** What only the project's own notes outside the repository explain: their files, and issue numbers. */
    private static final Pattern OUTSIDE = Pattern.compile("\\.\\./shared|DESIGN\\.md|STYLE\\.md|[Ii]ssues? [0-9]+");
    /** A relative Markdown link: the file (empty for the same page) and the heading anchor, if any. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]*)(?:#([^)\\s]+))?\\)");

    @Test
    void applicationApi_documentsEveryOpAndArgument_ofEveryServiceSchema() throws IOException {
        final Documentation page = Documentation.page("application-api.md");
        final List<Path> schemas = files("src/main/resources/api", ".schema.json");
        assertFalse(schemas.isEmpty(), "no service schemas found under " + Documentation.REPOSITORY.toAbsolutePath());
        final List<String> missing = new ArrayList<>();
        for (final Path schemaFile : schemas) {
            final String service = schemaFile.getFileName().toString().replace(".schema.json", "");
            final String section = page.section("`" + service + "` service");
            final JsonNode schema = JSON.readTree(schemaFile.toFile());
            for (final Iterator<String> ops = schema.path("ops").fieldNames(); ops.hasNext(); ) {
                final String op = ops.next();
                final String row = Documentation.row(section, op);
                if (row.isEmpty()) {
                    missing.add(service + ": op " + op);
                    continue;
                }
                for (final String argument :
                        argumentNames(schema.path("ops").path(op).path("args"), schema)) {
                    if (!Documentation.mentionsAsCode(row, argument)) {
                        missing.add(service + ": argument " + argument + " of " + op);
                    }
                }
            }
        }
        assertEquals(List.of(), missing, "missing in " + page.name());
    }

    @Test
    void configuration_documentsEveryElement_ofEveryExtensionSchema() throws Exception {
        final Documentation page = Documentation.page("configuration.md");
        final List<String> missing = new ArrayList<>();
        final Path kitSchema =
                Documentation.REPOSITORY.resolve("kit/src/main/resources/io/hiveiot/kit/config/hive-iot-kit.xsd");
        final String database = page.section("The database section");
        for (final String name : names(kitSchema)) {
            if (!Documentation.mentionsAsCode(database, name)) {
                missing.add("database: " + name);
            }
        }
        final List<Path> schemas = files("src/main/resources", "config.xsd");
        assertFalse(schemas.isEmpty(), "no extension schemas found under " + Documentation.REPOSITORY.toAbsolutePath());
        for (final Path schema : schemas) {
            final Set<String> names = names(schema);
            // The root element is the extension's id, and the title of its section.
            final String extension = names.stream()
                    .filter(name -> name.startsWith("hive-iot-"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(schema + " has no hive-iot-... root element"));
            names.remove(extension);
            final String section = page.section(extension);
            for (final String name : names) {
                if (!Documentation.mentionsAsCode(section, name)) {
                    missing.add(extension + ": " + name);
                }
            }
        }
        assertEquals(List.of(), missing, "missing in " + page.name());
    }

    @Test
    void readmesAndDocs_referToNothingOutsideTheRepository() throws IOException {
        final List<String> outside = new ArrayList<>();
        for (final Path page : maintainedMarkdown()) {
            final Matcher reference = OUTSIDE.matcher(Files.readString(page));
            while (reference.find()) {
                outside.add(page + ": " + reference.group());
            }
        }
        assertEquals(List.of(), outside, "a reader of the repository has none of these");
    }

    @Test
    void markdownLinks_leadToFilesAndHeadingsThatExist() throws IOException {
        final List<String> broken = new ArrayList<>();
        for (final Path page : maintainedMarkdown()) {
            final Matcher link = LINK.matcher(Files.readString(page));
            while (link.find()) {
                final String target = link.group(1);
                if (target.contains("://") || target.startsWith("mailto:")) {
                    continue;
                }
                final Path file = target.isEmpty()
                        ? page
                        : page.getParent().resolve(target).normalize();
                if (!Files.exists(file)) {
                    broken.add(page + " -> " + target);
                } else if (link.group(2) != null
                        && file.toString().endsWith(".md")
                        && !Documentation.anchors(file).contains(link.group(2))) {
                    broken.add(page + " -> " + target + "#" + link.group(2));
                }
            }
        }
        assertEquals(List.of(), broken, "links to nothing");
    }

    /** The README of the repository and of each module, and docs/; the historical benchmark reports lie deeper. */
    private static List<Path> maintainedMarkdown() throws IOException {
        try (Stream<Path> files = Files.walk(Documentation.REPOSITORY, 2)) {
            return files.filter(path -> path.toString().endsWith(".md"))
                    .sorted()
                    .toList();
        }
    }

    /** The argument names an op's schema declares (following {@code #/$defs/...} references). */
    private static Set<String> argumentNames(final JsonNode args, final JsonNode schema) {
        final JsonNode resolved =
                args.has("$ref") ? schema.at(args.get("$ref").asText().substring(1)) : args;
        final Set<String> names = new TreeSet<>();
        resolved.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Every element and attribute name a schema declares. */
    private static Set<String> names(final Path schema) throws Exception {
        final var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        final var document = factory.newDocumentBuilder().parse(schema.toFile());
        final Set<String> names = new TreeSet<>();
        for (final String kind : new String[] {"element", "attribute"}) {
            final NodeList declared = document.getElementsByTagNameNS(XSD, kind);
            for (int i = 0; i < declared.getLength(); i++) {
                final String name = ((Element) declared.item(i)).getAttribute("name");
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        assertFalse(names.isEmpty(), schema + " declares nothing");
        return names;
    }

    /** The files of every extension module whose path under the module ends with {@code suffix}. */
    private static List<Path> files(final String folder, final String suffix) throws IOException {
        final List<Path> found = new ArrayList<>();
        try (Stream<Path> modules = Files.list(Documentation.REPOSITORY)) {
            for (final Path module : modules.filter(
                            path -> path.getFileName().toString().startsWith("extension-"))
                    .sorted()
                    .toList()) {
                final Path resources = module.resolve(folder);
                if (!Files.isDirectory(resources)) {
                    continue;
                }
                try (Stream<Path> walk = Files.walk(resources)) {
                    walk.filter(path -> path.getFileName().toString().endsWith(suffix))
                            .sorted()
                            .forEach(found::add);
                }
            }
        }
        return found;
    }
}

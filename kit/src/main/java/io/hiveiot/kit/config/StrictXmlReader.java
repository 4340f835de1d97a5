package io.hiveiot.kit.config;

import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSInput;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

/**
 * Reads an extension's XML configuration strictly: validated against the extension's XSD while it is
 * parsed (unknown elements, missing ones and malformed values are errors), DOCTYPEs refused, and
 * every element remembering its line so that the extension's own checks can name it too.
 */
public final class StrictXmlReader {

    private static final String KIT_SCHEMA = "hive-iot-kit.xsd";

    private final Schema schema;

    /**
     * @param xsd the extension's schema, read from its own jar so that an edited copy next to the
     *            config cannot loosen validation
     */
    public StrictXmlReader(final URL xsd) {
        try {
            final SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setResourceResolver(StrictXmlReader::kitSchema);
            this.schema = factory.newSchema(xsd);
        } catch (final SAXException e) {
            throw new IllegalStateException("the bundled schema " + xsd + " is invalid: " + e.getMessage(), e);
        }
    }

    /**
     * Resolves {@code <xs:include schemaLocation="hive-iot-kit.xsd"/>} to the kit's own schema of the types every
     * extension shares (the {@code <database>} section among them); nothing else is fetched.
     */
    private static LSInput kitSchema(
            final String type,
            final String namespace,
            final String publicId,
            final String systemId,
            final String baseUri) {
        if (!KIT_SCHEMA.equals(systemId)) {
            return null;
        }
        final URL kit = StrictXmlReader.class.getResource(KIT_SCHEMA);
        try {
            final LSInput input = ((DOMImplementationLS) DocumentBuilderFactory.newInstance()
                            .newDocumentBuilder()
                            .getDOMImplementation())
                    .createLSInput();
            input.setSystemId(kit.toExternalForm());
            input.setByteStream(kit.openStream());
            return input;
        } catch (final IOException | ParserConfigurationException e) {
            throw new IllegalStateException("the kit's " + KIT_SCHEMA + " cannot be read", e);
        }
    }

    public ConfigElement read(final Path file) throws ConfigException {
        try (InputStream in = Files.newInputStream(file)) {
            final SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setSchema(schema);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            final var handler = new TreeBuilder(file);
            factory.newSAXParser().parse(in, handler);
            return handler.root;
        } catch (final SAXParseException e) {
            throw new ConfigException(file, e.getLineNumber(), e.getColumnNumber(), plain(e.getMessage()));
        } catch (final SAXException e) {
            throw new ConfigException(file, 0, 0, plain(e.getMessage()));
        } catch (final IOException e) {
            throw new ConfigException(file, 0, 0, "cannot read the file: " + e.getMessage());
        } catch (final ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a standard feature", e);
        }
    }

    /** Xerces prefixes schema messages with codes such as {@code cvc-complex-type.2.4.a: }. */
    private static String plain(final String message) {
        return message == null ? "invalid XML" : message.replaceFirst("^cvc-[\\w.-]+: ", "");
    }

    /** Builds the element tree; validation errors arrive as exceptions with their line. */
    private static final class TreeBuilder extends DefaultHandler {

        private final Path file;
        private final Deque<Builder> open = new ArrayDeque<>();
        private Locator locator;
        private ConfigElement root;

        TreeBuilder(final Path file) {
            this.file = file;
        }

        private static final class Builder {
            final String name;
            final int line;
            final int column;
            final Map<String, String> attributes = new LinkedHashMap<>();
            final List<ConfigElement> children = new ArrayList<>();
            final StringBuilder text = new StringBuilder();

            Builder(final String name, final int line, final int column) {
                this.name = name;
                this.line = line;
                this.column = column;
            }
        }

        @Override
        public void setDocumentLocator(final Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(
                final String uri, final String localName, final String qName, final Attributes attributes) {
            final var builder = new Builder(localName, locator.getLineNumber(), locator.getColumnNumber());
            for (int i = 0; i < attributes.getLength(); i++) {
                if (!XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI.equals(attributes.getURI(i))) {
                    builder.attributes.put(attributes.getLocalName(i), attributes.getValue(i));
                }
            }
            open.push(builder);
        }

        @Override
        public void characters(final char[] ch, final int start, final int length) {
            if (!open.isEmpty()) {
                open.peek().text.append(ch, start, length);
            }
        }

        @Override
        public void endElement(final String uri, final String localName, final String qName) {
            final Builder builder = open.pop();
            final var element = new ConfigElement(
                    file,
                    builder.name,
                    builder.line,
                    builder.column,
                    builder.attributes,
                    builder.children,
                    builder.text.toString().strip());
            if (open.isEmpty()) {
                root = element;
            } else {
                open.peek().children.add(element);
            }
        }

        @Override
        public void warning(final SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void error(final SAXParseException e) throws SAXException {
            throw e;
        }
    }
}

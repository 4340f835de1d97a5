package io.hiveiot.kit.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One element of a validated configuration file, with the line it starts on. The XSD has already
 * checked structure and value syntax; these accessors turn values into Java types and let the
 * extension report its own semantic problems at the right line.
 */
public final class ConfigElement {

    private final Path file;
    private final String name;
    private final int line;
    private final int column;
    private final Map<String, String> attributes;
    private final List<ConfigElement> children;
    private final String text;

    ConfigElement(
            final Path file,
            final String name,
            final int line,
            final int column,
            final Map<String, String> attributes,
            final List<ConfigElement> children,
            final String text) {
        this.file = file;
        this.name = name;
        this.line = line;
        this.column = column;
        this.attributes = Map.copyOf(attributes);
        this.children = List.copyOf(children);
        this.text = text;
    }

    public String name() {
        return name;
    }

    public int line() {
        return line;
    }

    /** The element's own text, trimmed. */
    public String text() {
        return text;
    }

    public Optional<ConfigElement> child(final String childName) {
        return children.stream().filter(child -> child.name.equals(childName)).findFirst();
    }

    /**
     * The child, or when it is left out an empty element of that name (at this element's line) whose accessors all
     * answer their defaults: optional sections read like present ones.
     */
    public ConfigElement childOrEmpty(final String childName) {
        return child(childName)
                .orElseGet(() -> new ConfigElement(file, childName, line, column, Map.of(), List.of(), ""));
    }

    public List<ConfigElement> children(final String childName) {
        return children.stream().filter(child -> child.name.equals(childName)).toList();
    }

    public Optional<String> attribute(final String attributeName) {
        return Optional.ofNullable(attributes.get(attributeName));
    }

    public Optional<String> childText(final String childName) {
        return child(childName).map(ConfigElement::text);
    }

    public int childInt(final String childName, final int defaultValue) throws ConfigException {
        final Optional<ConfigElement> child = child(childName);
        if (child.isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(child.get().text);
        } catch (final NumberFormatException e) {
            throw child.get().problem("'" + child.get().text + "' is not a whole number");
        }
    }

    public long childLong(final String childName, final long defaultValue) throws ConfigException {
        final Optional<ConfigElement> child = child(childName);
        if (child.isEmpty()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(child.get().text);
        } catch (final NumberFormatException e) {
            throw child.get().problem("'" + child.get().text + "' is not a whole number");
        }
    }

    public boolean childBoolean(final String childName, final boolean defaultValue) {
        // xs:boolean allows true/false/1/0 and the schema has checked it already.
        return child(childName)
                .map(child -> child.text.equals("true") || child.text.equals("1"))
                .orElse(defaultValue);
    }

    /** An {@code xs:duration} such as {@code PT30S} or {@code PT5M}. */
    public Duration childDuration(final String childName, final Duration defaultValue) throws ConfigException {
        final Optional<ConfigElement> child = child(childName);
        if (child.isEmpty()) {
            return defaultValue;
        }
        try {
            return Duration.parse(child.get().text);
        } catch (final RuntimeException e) {
            throw child.get().problem("'" + child.get().text + "' is not a duration like PT30S or PT5M");
        }
    }

    /** A duration that must be longer than zero. */
    public Duration childPositiveDuration(final String childName, final Duration defaultValue) throws ConfigException {
        final Duration value = childDuration(childName, defaultValue);
        if (value.isZero() || value.isNegative()) {
            throw child(childName).orElseThrow().problem("must be longer than zero");
        }
        return value;
    }

    /**
     * A duration of at least {@code minimum}.
     *
     * @param why what a shorter one would break, for the message
     */
    public Duration childDurationAtLeast(
            final String childName, final Duration defaultValue, final Duration minimum, final String why)
            throws ConfigException {
        final Duration value = childDuration(childName, defaultValue);
        if (value.compareTo(minimum) < 0) {
            throw child(childName).orElseThrow().problem("must be at least " + minimum + ": " + why);
        }
        return value;
    }

    /** A problem with this element, to be thrown by the extension's config reader. */
    public ConfigException problem(final String problem) {
        return new ConfigException(file, line, column, "<" + name + ">: " + problem);
    }
}

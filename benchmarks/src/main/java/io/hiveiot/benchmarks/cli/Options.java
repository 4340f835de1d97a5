package io.hiveiot.benchmarks.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Command-line options of the form {@code --name value} and {@code --flag}. Every option a command
 * reads must be declared first, so a typo is an error instead of a silently ignored setting (the
 * "fail fast on bad config" rule of the extensions, applied to the benchmarks).
 */
public final class Options {

    private final Map<String, String> values;
    private final Set<String> read = new LinkedHashSet<>();

    private Options(final Map<String, String> values) {
        this.values = values;
    }

    /**
     * @param flags the options that take no value
     */
    public static Options parse(final List<String> args, final Set<String> flags) {
        final Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            final String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException("expected an option (--name), not '" + arg + "'");
            }
            final String name;
            final String value;
            final int equals = arg.indexOf('=');
            if (equals > 0) {
                name = arg.substring(2, equals);
                value = arg.substring(equals + 1);
            } else if (flags.contains(arg.substring(2))) {
                name = arg.substring(2);
                value = "true";
            } else {
                name = arg.substring(2);
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("option --" + name + " needs a value");
                }
                value = args.get(++i);
            }
            if (values.put(name, value) != null) {
                throw new IllegalArgumentException("option --" + name + " is given twice");
            }
        }
        return new Options(values);
    }

    public Optional<String> text(final String name) {
        read.add(name);
        return Optional.ofNullable(values.get(name));
    }

    public String text(final String name, final String defaultValue) {
        return text(name).orElse(defaultValue);
    }

    public int integer(final String name, final int defaultValue, final int min, final int max) {
        final Optional<String> text = text(name);
        if (text.isEmpty()) {
            return defaultValue;
        }
        final int value;
        try {
            value = Integer.parseInt(text.get().replace("_", ""));
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, not '" + text.get() + "'");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    "--" + name + " must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }

    /** Seconds, as a plain number ({@code 60}, {@code 2.5}). */
    public Duration seconds(final String name, final Duration defaultValue, final Duration max) {
        final Optional<String> text = text(name);
        if (text.isEmpty()) {
            return defaultValue;
        }
        final double seconds;
        try {
            seconds = Double.parseDouble(text.get());
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number of seconds, not '" + text.get() + "'");
        }
        final Duration value = Duration.ofMillis(Math.round(seconds * 1000));
        if (value.isNegative() || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(
                    "--" + name + " must be between 0 and " + max.toSeconds() + " seconds, not " + text.get());
        }
        return value;
    }

    public boolean flag(final String name) {
        return text(name)
                .map(value -> {
                    if (!value.equals("true") && !value.equals("false")) {
                        throw new IllegalArgumentException("--" + name + " is true or false, not '" + value + "'");
                    }
                    return value.equals("true");
                })
                .orElse(false);
    }

    /** A comma-separated list. */
    public List<String> list(final String name, final String defaultValue) {
        final List<String> items = new ArrayList<>();
        for (final String item : text(name, defaultValue).split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return Collections.unmodifiableList(items);
    }

    /** Call after reading every option: an option nobody read is a typo. */
    public void requireAllRead() {
        final List<String> unknown =
                values.keySet().stream().filter(name -> !read.contains(name)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "unknown option" + (unknown.size() > 1 ? "s" : "") + ": --" + String.join(", --", unknown));
        }
    }
}

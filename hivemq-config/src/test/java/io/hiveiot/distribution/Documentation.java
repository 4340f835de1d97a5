package io.hiveiot.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One page of the repository's {@code docs/}, read as the tests that keep it true need it: its sections by heading,
 * and the names written as code ({@code `name`}) in them.
 */
final class Documentation {

    /** The repository, seen from this module's folder (the tests' working directory). */
    static final Path REPOSITORY = Path.of("..");

    private static final Pattern HEADING = Pattern.compile("^(#{1,6}) (.*)$");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private final String name;
    private final List<String> lines;

    private Documentation(final String name, final List<String> lines) {
        this.name = name;
        this.lines = lines;
    }

    /** {@code docs/<file>} of the repository. */
    static Documentation page(final String file) {
        final Path path = REPOSITORY.resolve("docs").resolve(file);
        try {
            return new Documentation("docs/" + file, Files.readAllLines(path));
        } catch (final IOException e) {
            throw new UncheckedIOException(
                    "cannot read " + path.toAbsolutePath().normalize(), e);
        }
    }

    String name() {
        return name;
    }

    /**
     * The text under the heading whose title is {@code title}, up to the next heading of the same or a higher
     * level.
     *
     * @throws AssertionError when the page has no such heading
     */
    String section(final String title) {
        for (int i = 0; i < lines.size(); i++) {
            final Matcher heading = HEADING.matcher(lines.get(i));
            if (heading.matches() && heading.group(2).strip().equals(title)) {
                final int level = heading.group(1).length();
                final StringBuilder text = new StringBuilder();
                for (int j = i + 1; j < lines.size(); j++) {
                    final Matcher next = HEADING.matcher(lines.get(j));
                    if (next.matches() && next.group(1).length() <= level) {
                        break;
                    }
                    text.append(lines.get(j)).append('\n');
                }
                return text.toString();
            }
        }
        throw new AssertionError(name + " has no heading \"" + title + "\"");
    }

    /**
     * The anchors a Markdown renderer gives the headings of {@code file}, as GitHub makes them: lower case, without
     * punctuation other than {@code -} and {@code _}, spaces as {@code -}, repeated ones numbered.
     */
    static Set<String> anchors(final Path file) throws IOException {
        final Set<String> anchors = new LinkedHashSet<>();
        final Map<String, Integer> seen = new HashMap<>();
        boolean code = false;
        for (final String line : Files.readAllLines(file)) {
            if (line.startsWith("```")) {
                code = !code;
            }
            final Matcher heading = HEADING.matcher(line);
            if (!code && heading.matches()) {
                final String anchor = heading.group(2)
                        .strip()
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N}_\\- ]", "")
                        .replace(' ', '-');
                final int repeat = seen.merge(anchor, 1, Integer::sum) - 1;
                anchors.add(repeat == 0 ? anchor : anchor + "-" + repeat);
            }
        }
        return anchors;
    }

    /** The table row of {@code text} whose first cell is {@code `key`}; empty when there is none. */
    static String row(final String text, final String key) {
        final String start = "| `" + key + "` |";
        return text.lines().filter(line -> line.startsWith(start)).findFirst().orElse("");
    }

    /** The first cells of {@code text}'s table rows that are code, e.g. the metric names of a metrics table. */
    static Set<String> firstCells(final String text) {
        final Set<String> cells = new LinkedHashSet<>();
        text.lines().filter(line -> line.startsWith("| `")).forEach(line -> {
            final Matcher code = CODE.matcher(line.substring(0, line.indexOf('|', 1)));
            while (code.find()) {
                cells.add(code.group(1));
            }
        });
        return cells;
    }

    /**
     * Whether {@code text} writes {@code word} as code, alone or as one part of a path or list in one code span
     * ({@code `a/b/word`}, {@code `word[@name]`}): a configuration element, an argument, a metric.
     */
    static boolean mentionsAsCode(final String text, final String word) {
        final Pattern part = Pattern.compile("(?<![A-Za-z0-9_-])" + Pattern.quote(word) + "(?![A-Za-z0-9_-])");
        final Matcher code = CODE.matcher(text);
        while (code.find()) {
            if (part.matcher(code.group(1)).find()) {
                return true;
            }
        }
        return false;
    }
}

package io.hiveiot.benchmarks.load;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text with placeholders for one device: {@code {i}} is the device's index (0 to N-1) and
 * {@code {run}} the run's id, e.g. {@code bench-{i}} or {@code tok-{run}-{i}}. A template that must
 * tell devices apart (client IDs, credentials) has to contain {@code {i}}: otherwise 10,000 devices
 * would share one client ID or one token and take each other's sessions over.
 */
public record Template(String text) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    public Template {
        final Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            final String name = matcher.group(1);
            if (!name.equals("i") && !name.equals("run")) {
                throw new IllegalArgumentException("unknown placeholder {" + name + "} in template '" + text
                        + "'; known: {i} (device index), {run} (run id)");
            }
        }
        final String rest = PLACEHOLDER.matcher(text).replaceAll("");
        if (rest.indexOf('{') >= 0 || rest.indexOf('}') >= 0) {
            throw new IllegalArgumentException("unbalanced brace in template '" + text + "'");
        }
    }

    public boolean distinguishesDevices() {
        return text.contains("{i}");
    }

    /** Throws when the template would give every device the same value. */
    public Template requireDistinct(final String what) {
        if (!distinguishesDevices()) {
            throw new IllegalArgumentException(
                    what + " template '" + text + "' must contain {i}: every device needs its own");
        }
        return this;
    }

    public String expand(final int index, final String runId) {
        return text.replace("{i}", Integer.toString(index)).replace("{run}", runId);
    }
}

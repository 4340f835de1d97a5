package io.hiveiot.cli.firmware;

import java.io.PrintWriter;
import java.util.Locale;

/** An upload's progress on stderr, redrawn in place: {@code [#########...........]  45%  1.2 / 2.6 MiB}. */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final long total;
    private final boolean enabled;
    private int drawn;

    ProgressBar(final PrintWriter err, final long total, final boolean enabled) {
        this.err = err;
        this.total = total;
        this.enabled = enabled;
    }

    void update(final long done) {
        if (enabled) {
            final String line = render(done, total);
            // Spaces over what a longer line drawn before left behind ("1000.0 KiB" before "1.0 MiB").
            err.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
            err.flush();
            drawn = line.length();
        }
    }

    void finish() {
        if (enabled) {
            err.println();
            err.flush();
        }
    }

    static String render(final long done, final long total) {
        final double fraction = total == 0 ? 1 : Math.min(1, (double) done / total);
        final int filled = (int) Math.round(fraction * WIDTH);
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
                + String.format(Locale.ROOT, "%3d%%  %s / %s", Math.round(fraction * 100), size(done), size(total));
    }

    static String size(final long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}

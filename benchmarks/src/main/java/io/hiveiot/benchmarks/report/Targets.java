package io.hiveiot.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Issue 6's targets for the scenarios that exist today, checked against the measured figures. */
public final class Targets {

    public static final double CONNECT_RATIO = 0.9;
    /** "At most 10 KB of heap per connected device above the bare broker": 10 KiB. */
    public static final double IDLE_HEAP_ABOVE_BARE_BYTES = 10 * 1024;

    /** @param met null when the figures are missing */
    public record Verdict(String scenario, String target, String measured, Boolean met) {
    }

    private Targets() {
    }

    public static List<Verdict> check(final List<Comparison> comparisons) {
        final List<Verdict> verdicts = new ArrayList<>();
        for (final Comparison comparison : comparisons) {
            final String name = comparison.scenario() + " (" + comparison.protocolName() + ")";
            if (comparison.scenario().equals("connect")) {
                final double ratio = comparison.ratio("connects_per_s");
                verdicts.add(new Verdict(name, String.format(Locale.ROOT,
                        "connects/s with token auth >= %.1f x bare anonymous", CONNECT_RATIO),
                        Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.2f x", ratio),
                        Double.isNaN(ratio) ? null : ratio >= CONNECT_RATIO));
            } else if (comparison.scenario().equals("idle")) {
                final double above = comparison.difference("heap_per_connection_bytes");
                verdicts.add(new Verdict(name, "heap per idle device <= 10 KiB above bare",
                        Double.isNaN(above) ? "n/a" : String.format(Locale.ROOT, "%+.2f KiB", above / 1024),
                        Double.isNaN(above) ? null : above <= IDLE_HEAP_ABOVE_BARE_BYTES));
            }
        }
        return verdicts;
    }
}

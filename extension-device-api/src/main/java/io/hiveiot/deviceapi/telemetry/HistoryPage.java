package io.hiveiot.deviceapi.telemetry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of telemetry history, newest first (ties in ts ordered by key).
 *
 * @param entries at most the requested limit
 * @param next    where the next page starts; empty when this page holds the last entry of the range
 */
public record HistoryPage(List<TsEntry> entries, Optional<HistoryCursor> next) {

    public HistoryPage {
        entries = List.copyOf(entries);
        Objects.requireNonNull(next, "next");
    }

    static HistoryPage empty() {
        return new HistoryPage(List.of(), Optional.empty());
    }
}

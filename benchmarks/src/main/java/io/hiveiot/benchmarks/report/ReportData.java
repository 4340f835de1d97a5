package io.hiveiot.benchmarks.report;

import io.hiveiot.benchmarks.profile.ProfileSummary;
import io.hiveiot.benchmarks.scenario.ScenarioResult;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Everything one report shows.
 *
 * @param command     the exact command of the run
 * @param source      the commit the benchmarks ran from, and whether the work tree had changes
 * @param settings    the run's settings, in display order (devices, concurrency, heap, ...)
 * @param brokers     per broker: what it loaded (extensions) and how it was started
 * @param environment notes on the machine's state (load average before and after)
 */
public record ReportData(
        LocalDate date,
        String command,
        String source,
        MachineInfo machine,
        Map<String, String> settings,
        Map<String, String> brokers,
        Map<String, String> environment,
        List<ScenarioResult> results,
        List<ProfileSummary> profiles) {}

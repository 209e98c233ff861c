package org.iofog.connector.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.iofog.connector.bench.Report.Target;
import org.junit.Test;

/** Targets are judged on the ratio or on the value, as each says, and a miss is marked in the table. */
public class ReportTest {

    @Test
    public void targetsAreJudgedOnWhatTheyName() {
        Report report = new Report();
        report.add("throughput", "MB/s", 1000, 400, Target.ratioAtLeast(0.5));
        report.add("latency", "p50 µs", 50, 90, Target.ratioAtMost(2));
        report.add("adds", "adds/s", 5000, 1200, Target.atLeast(1000, "adds/s"));
        report.add("rss", "MB", 42, 200, Target.atMost(160, "MB"));
        report.add("info", "bytes", Double.NaN, 7, null);
        List<Report.Row> missed = report.missed();
        assertEquals(List.of("throughput", "rss"), missed.stream().map(Report.Row::scenario).toList());
        String table = report.markdown();
        assertTrue(table, table.contains("| throughput | MB/s | 1,000 | 400 | 0.40 | ≥ 0.50× direct | **no** |"));
        assertTrue(table, table.contains("| latency | p50 µs | 50.0 | 90.0 | 1.80 | ≤ 2.00× direct | yes |"));
        assertTrue(table, table.contains("| info | bytes | – | 7.00 | – |  |  |"));
    }
}

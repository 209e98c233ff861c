package org.iofog.connector.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The results of one run: every figure beside its direct-loopback baseline of the same run, their ratio, and the
 * target of issue 8 it is held against, printed as one Markdown table.
 */
final class Report {

    /** What a figure is held against: a bound on its ratio to the baseline, or on its own value. */
    record Target(String text, boolean onRatio, boolean atLeast, double bound) {

        static Target ratioAtLeast(double bound) {
            return new Target("≥ " + number(bound) + "× direct", true, true, bound);
        }

        static Target ratioAtMost(double bound) {
            return new Target("≤ " + number(bound) + "× direct", true, false, bound);
        }

        static Target atLeast(double bound, String unit) {
            return new Target("≥ " + number(bound) + " " + unit, false, true, bound);
        }

        static Target atMost(double bound, String unit) {
            return new Target("≤ " + number(bound) + " " + unit, false, false, bound);
        }

        boolean met(double value, double ratio) {
            double measured = onRatio ? ratio : value;
            return atLeast ? measured >= bound : measured <= bound;
        }
    }

    /**
     * @param direct    the baseline's figure; NaN when the row has none
     * @param connector the connector's figure
     * @param target    null when no target applies
     */
    record Row(String scenario, String figure, double direct, double connector, Target target) {

        double ratio() {
            return connector / direct;
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void add(String scenario, String figure, double direct, double connector, Target target) {
        rows.add(new Row(scenario, figure, direct, connector, target));
        System.out.printf(Locale.ROOT, "  %s, %s: direct %s, connector %s, ratio %s%s%n", scenario, figure,
                number(direct), number(connector), ratioText(rows.get(rows.size() - 1)),
                target == null ? "" : ", target " + target.text() + ": " + metText(rows.get(rows.size() - 1)));
    }

    void note(String text) {
        notes.add(text);
        System.out.println("  note: " + text);
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Rows whose target was missed. */
    List<Row> missed() {
        return rows.stream().filter(row -> row.target() != null && !row.target().met(row.connector(), row.ratio()))
                .toList();
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| scenario | figure | direct loopback | connector | connector / direct | target | met |\n");
        out.append("| --- | --- | ---: | ---: | ---: | --- | --- |\n");
        String previous = null;
        for (Row row : rows) {
            String scenario = row.scenario().equals(previous) ? "" : row.scenario();
            previous = row.scenario();
            out.append("| ").append(scenario).append(" | ").append(row.figure()).append(" | ")
                    .append(number(row.direct())).append(" | ").append(number(row.connector())).append(" | ")
                    .append(ratioText(row)).append(" | ")
                    .append(row.target() == null ? "" : row.target().text()).append(" | ")
                    .append(metText(row)).append(" |\n");
        }
        for (String note : notes) {
            out.append("\n- ").append(note);
        }
        return out.append('\n').toString();
    }

    private static String ratioText(Row row) {
        double ratio = row.ratio();
        return Double.isNaN(ratio) || Double.isInfinite(ratio) ? "–" : String.format(Locale.ROOT, "%.2f", ratio);
    }

    private static String metText(Row row) {
        if (row.target() == null) {
            return "";
        }
        return row.target().met(row.connector(), row.ratio()) ? "yes" : "**no**";
    }

    /** Thousands separated above 100, two significant decimals below; "–" for a figure that is not there. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (Math.abs(value) >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}

package org.iofog.connector.shell.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Labelled lines printed with their values aligned: {@code Label   : value}. */
final class Lines {

    private final List<String[]> lines = new ArrayList<>();

    Lines add(String label, Object value) {
        lines.add(new String[] {label, String.valueOf(value)});
        return this;
    }

    void print(PrintStream out) {
        int width = lines.stream().mapToInt(l -> l[0].length()).max().orElse(0);
        for (String[] line : lines) {
            out.println(line[0] + " ".repeat(width - line[0].length()) + " : " + line[1]);
        }
    }
}

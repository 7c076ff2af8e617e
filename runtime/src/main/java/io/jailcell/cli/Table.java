package io.jailcell.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Columns laid out as docker's tabwriter does ({@code minwidth 10, padding 3}): each column but the last is as
 * wide as its widest cell plus three spaces, and at least ten characters.
 */
final class Table {
    private static final int MIN_WIDTH = 10;
    private static final int PADDING = 3;

    private final List<String[]> rows = new ArrayList<>();

    Table(String... header) {
        rows.add(header);
    }

    void row(String... cells) {
        rows.add(cells);
    }

    void print(PrintStream out) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int c = 0; c < columns - 1; c++) {
                width[c] = Math.max(width[c], Math.max(MIN_WIDTH, length(r[c]) + PADDING));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            for (int c = 0; c < columns - 1; c++) {
                sb.append(r[c]).append(" ".repeat(width[c] - length(r[c])));
            }
            sb.append(r[columns - 1]).append('\n');
        }
        out.print(sb);
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}

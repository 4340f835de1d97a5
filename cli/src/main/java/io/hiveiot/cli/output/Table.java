package io.hiveiot.cli.output;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Columns aligned for people: each as wide as its widest cell, two spaces apart, the last unpadded. */
public final class Table {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(final String... headers) {
        this.headers = List.of(headers);
    }

    /** Cells are strings, JSON values (shown as {@link #cell(JsonNode)}), or anything else as its text. */
    public Table row(final Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("row of " + cells.length + " cells for " + headers.size() + " columns");
        }
        rows.add(Arrays.stream(cells).map(Table::text).toList());
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public void print(final PrintWriter out) {
        final int[] widths = new int[headers.size()];
        for (int column = 0; column < widths.length; column++) {
            widths[column] = headers.get(column).length();
            for (final List<String> row : rows) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        printRow(out, headers, widths);
        rows.forEach(row -> printRow(out, row, widths));
        out.flush();
    }

    private static void printRow(final PrintWriter out, final List<String> cells, final int[] widths) {
        final StringBuilder line = new StringBuilder();
        for (int column = 0; column < cells.size(); column++) {
            final boolean last = column == cells.size() - 1;
            line.append(last ? cells.get(column) : pad(cells.get(column), widths[column] + 2));
        }
        out.println(line.toString().stripTrailing());
    }

    private static String pad(final String text, final int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    private static String text(final Object cell) {
        if (cell instanceof JsonNode node) {
            return cell(node);
        }
        return cell == null ? "" : cell.toString();
    }

    /** A JSON value as a cell: text without quotes, missing or null as empty, objects and arrays compact. */
    public static String cell(final JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "";
        }
        return node.isValueNode() ? node.asText() : Json.compact(node);
    }
}

package io.hiveiot.cli.output;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * Where a command writes: results to stdout (JSON with {@code --json}, else text and tables),
 * notices and progress to stderr so that stdout stays parseable.
 */
public final class Output {

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;

    public Output(final PrintWriter out, final PrintWriter err, final boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    public boolean json() {
        return json;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    /** The result as JSON with --json, else as {@code human} writes it. */
    public void result(final JsonNode result, final Consumer<JsonNode> human) {
        if (json) {
            printJson(result);
        } else {
            human.accept(result);
        }
        out.flush();
    }

    public void printJson(final JsonNode node) {
        out.println(Json.pretty(node));
        out.flush();
    }

    public void line(final String text) {
        out.println(text);
        out.flush();
    }

    /** Fields of an object as aligned {@code name: value} lines. */
    public void fields(final Object... namesAndValues) {
        int width = 0;
        for (int i = 0; i < namesAndValues.length; i += 2) {
            width = Math.max(width, namesAndValues[i].toString().length());
        }
        for (int i = 0; i < namesAndValues.length; i += 2) {
            final Object value = namesAndValues[i + 1];
            final String text = value instanceof JsonNode node ? Table.cell(node) : String.valueOf(value);
            out.println(namesAndValues[i] + ":"
                    + " ".repeat(width - namesAndValues[i].toString().length() + 1) + text);
        }
        out.flush();
    }

    /** A message for people on stderr (never mixed into a result). */
    public void notice(final String text) {
        err.println(text);
        err.flush();
    }
}

package io.hiveiot.cli.output;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TableTest {

    @Test
    void columnsAreAsWideAsTheirWidestCell_andJsonValuesShowPlainly() {
        final StringWriter text = new StringWriter();
        new Table("NAME", "VALUE", "NOTE")
                .row("temperature", JsonNodeFactory.instance.numberNode(25), JsonNodeFactory.instance.nullNode())
                .row("t", JsonNodeFactory.instance.objectNode().put("a", 1), "last")
                .print(new PrintWriter(text));
        assertEquals("""
                NAME         VALUE    NOTE
                temperature  25
                t            {"a":1}  last
                """, text.toString().replace(System.lineSeparator(), "\n"));
    }
}

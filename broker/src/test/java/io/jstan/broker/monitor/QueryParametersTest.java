package io.jstan.broker.monitor;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueryParametersTest {
    @Test
    void booleansAreGoStrconvParseBools() {
        for (String yes : new String[]{"1", "t", "T", "true", "TRUE", "True"}) {
            assertTrue(query("b", yes).bool("b"), yes);
        }
        for (String no : new String[]{"0", "f", "F", "false", "FALSE", "False"}) {
            assertFalse(query("b", no).bool("b"), no);
        }
        assertFalse(query("other", "1").bool("b"), "absent is false");
        BadQueryException e = assertThrows(BadQueryException.class, () -> query("b", "yes").bool("b"));
        assertEquals("Error decoding boolean for 'b': strconv.ParseBool: parsing \"yes\": invalid syntax", e.getMessage());
    }

    @Test
    void numbersTakeTheFirstValueAndAbsentIsZero() {
        QueryParameters query = new QueryParameters(Map.of("n", List.of("-7", "9"), "u", List.of("42")));
        assertEquals(-7, query.integer("n"));
        assertEquals(42, query.unsignedLong("u"));
        assertEquals(0, query.integer("absent"));
        assertEquals("", query.text("absent"));
        assertThrows(BadQueryException.class, () -> query("n", "seven").integer("n"));
        assertThrows(BadQueryException.class, () -> query("u", "-1").unsignedLong("u"));
    }

    @Test
    void integerOrZeroReadsWhatDoesNotParseAsZeroAsNatsStreamingServerDoes() {
        assertEquals(-3, query("n", "-3").integerOrZero("n"));
        assertEquals(0, query("n", "three").integerOrZero("n"));
        assertEquals(0, query("n", "1.5").integerOrZero("n"));
        assertEquals(0, query("other", "3").integerOrZero("n"));
    }

    private static QueryParameters query(String name, String value) {
        return new QueryParameters(Map.of(name, List.of(value)));
    }
}

package io.jstan.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ConfigParserErrorTest {
    private static final Path ORIGIN = Path.of("/etc/jstan.conf");
    private static final Function<String, String> NO_ENVIRONMENT = name -> null;

    private static void assertError(String expectedMessage, String text) {
        assertError(expectedMessage, text, NO_ENVIRONMENT);
    }

    private static void assertError(String expectedMessage, String text, Function<String, String> environment) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.parse(text, ORIGIN, environment));
        assertEquals(expectedMessage, e.getMessage());
    }

    @Test
    void exposesFileLineAndColumn() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigParser.parse("name = x\nport: \nhost = y\n", ORIGIN));
        assertEquals(ORIGIN, e.file());
        assertEquals(2, e.line());
        assertEquals(7, e.column());
        assertEquals("/etc/jstan.conf:2:7: expected a value after 'port:'", e.getMessage());
    }

    @Test
    void missingValue() {
        assertError("/etc/jstan.conf:1:7: expected a value after 'port='", "port =");
        assertError("/etc/jstan.conf:1:5: expected a value after 'port'", "port");
        assertError("/etc/jstan.conf:1:8: expected a value after 'port='", "port = ;");
        assertError("/etc/jstan.conf:2:9: expected a value after 'port:'", "cluster {\n  port: }");
    }

    @Test
    void unterminatedStrings() {
        assertError("/etc/jstan.conf:2:8: string is never closed: no \" after this one",
                "a = 1\nname = \"jstan\nport = 4222\n");
        assertError("/etc/jstan.conf:1:8: string is never closed: no ' after this one", "name = 'jstan");
        assertError("/etc/jstan.conf:1:1: key is never closed: no \" after this one", "\"name = 1");
        assertError("/etc/jstan.conf:1:8: block is never closed: no ')' alone at the start of a line after this '('",
                "text = (\nabc\n )\n");
    }

    @Test
    void unterminatedMapsAndArrays() {
        assertError("/etc/jstan.conf:1:9: '{' is never closed: no matching '}'", "cluster {\n  port = 1\n");
        assertError("/etc/jstan.conf:1:10: '[' is never closed: no matching ']'", "routes = [a, b");
        assertError("/etc/jstan.conf:1:10: '[' is never closed: no matching ']'", "routes = [\n a\n");
    }

    @Test
    void badTokens() {
        assertError("/etc/jstan.conf:1:14: expected a new line, ',' or ';' after the value of 'timeout', found 's'",
                "timeout = 1.5s");
        assertError("/etc/jstan.conf:1:11: expected a new line, ',', ';' or '}' after the value of 'a', found '2'",
                "m { a = 1 2 }");
        assertError("/etc/jstan.conf:1:9: a number must start with a digit, not '.'", "ratio = .5");
        assertError("/etc/jstan.conf:1:7: expected a digit after the '.' of a number, found 'x'", "a = 1.x");
        assertError("/etc/jstan.conf:1:6: expected a digit after '-', found 'x'", "a = -x");
        assertError("/etc/jstan.conf:1:1: expected a key, found ':'", ": x");
        assertError("/etc/jstan.conf:1:8: expected an array element or ']', found ','", "a = [1,,2]");
        assertError("/etc/jstan.conf:1:8: expected ',', a new line or ']' after an array element, found '2'",
                "a = [1 2]");
    }

    @Test
    void badEscapes() {
        assertError("/etc/jstan.conf:1:10: invalid escape: \\ followed by 'q' (allowed: \\xXX, \\t, \\n, \\r, \\\", \\\\)",
                "name = \"a\\qb\"");
        assertError("/etc/jstan.conf:1:9: expected two hexadecimal digits after \\x, found 'Z'", "name = \"\\xZZ\"");
        assertError("/etc/jstan.conf:1:8: expected two hexadecimal digits after \\x, found a new line", "name = \\xF\n");
    }

    @Test
    void badNumbersSizesAndDates() {
        assertError("/etc/jstan.conf:1:5: integer 99999999999999999999 is out of range", "n = 99999999999999999999");
        assertError("/etc/jstan.conf:1:5: unknown size unit 'kbb' in '1kbb' (known: k, m, g, t, p, e for powers of 1000;"
                + " kb, ki, kib, mb, ... for powers of 1024)", "s = 1kbb");
        assertError("/etc/jstan.conf:1:5: size '9EB' is out of range", "s = 9EB");
        assertError("/etc/jstan.conf:1:7: a date-time must be in full Zulu form, like 2016-05-04T18:53:41Z", "d = 12-05");
        assertError("/etc/jstan.conf:1:15: expected 'T' in date-time (written like 2016-05-04T18:53:41Z), found a new line",
                "d = 2016-05-04\n");
        assertError("/etc/jstan.conf:1:5: invalid date-time 2016-02-30T00:00:00Z", "d = 2016-02-30T00:00:00Z");
    }

    @Test
    void undefinedVariableIsNamed() {
        assertError("/etc/jstan.conf:2:7: undefined variable $NO_SUCH_VARIABLE: no key 'NO_SUCH_VARIABLE' before it"
                + " in this or an enclosing block, and no environment variable NO_SUCH_VARIABLE",
                "a {\n  b = $NO_SUCH_VARIABLE\n}");
    }

    @Test
    void undefinedVariableThroughTheProcessEnvironment() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigParser.parse("port = $JSTAN_TEST_UNDEFINED_VARIABLE_4222", ORIGIN));
        assertEquals(1, e.line());
        assertEquals(8, e.column());
    }

    @Test
    void keysOfAClosedBlockAreNotVariablesOutsideIt() {
        assertError("/etc/jstan.conf:2:5: undefined variable $x: no key 'x' before it in this or an enclosing block,"
                + " and no environment variable x", "a { x = 1 }\nb = $x");
    }

    @Test
    void badEnvironmentValue() {
        assertError("/etc/jstan.conf:1:5: environment variable X: unexpected '2' after the value", "a = $X",
                Map.of("X", "1 2")::get);
    }

    @Test
    void environmentVariableCycle() {
        assertError("/etc/jstan.conf:1:5: environment variable A: environment variable B:"
                + " environment variable cycle: A -> B -> A", "a = $A", Map.of("A", "$B", "B", "$A")::get);
    }

    @Test
    void includeNeedsAFileName() {
        assertError("/etc/jstan.conf:1:9: expected a file name after 'include', found a new line", "include \nx = 1");
        assertError("/etc/jstan.conf:1:9: expected a file name after 'include', found '['", "include [a]");
        assertError("/etc/jstan.conf:1:9: include file name is never closed: no \" after this one", "include \"a.conf");
    }
}

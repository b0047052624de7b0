package io.jstan.cli.config;

import static io.jstan.cli.config.ConfigMaps.assertSameConfig;
import static io.jstan.cli.config.ConfigMaps.map;
import static io.jstan.cli.config.ConfigMaps.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigParserTest {
    private static final Path ORIGIN = Path.of("/etc/jstan.conf");

    @Test
    void parsesEverySyntaxForm() throws ConfigException {
        Map<String, Object> expected = map(
                "colon_key", "colon",
                "equals_key", "equals",
                "space_key", "space",
                "Mixed_Case", "kept",
                "quoted key", 1L,
                "single quoted key", 2L,
                "semi", 1L,
                "chained", 2L,
                "comma_chained", 3L,
                "bare", "hello-world_1.0",
                "url", "nats://user:pass@localhost:4222",
                "double", "tab\there\nnew line \"quoted\" back\\slash A\u00e9",
                "single", "no \\t escapes in single quotes",
                "multi_line", "first\nsecond",
                "empty", "",
                "quoted_true", "true",
                "starts_with_digit", "3xyz",
                "bare_escape", "a\tb",
                "block", "\n  line one\n  line (two)\n",
                "bools", List.of(true, false, true, false, true, false, true, false),
                "integer", 4222L,
                "negative", -17L,
                "zero_padded", 755L,
                "float", 2.5,
                "negative_float", -0.25,
                "sizes", map(
                        "k", 1_000L,
                        "kb", 1_024L,
                        "KiB", 1_024L,
                        "m", 1_000_000L,
                        "MB", 1_048_576L,
                        "g", 2_000_000_000L,
                        "GB", 2_147_483_648L,
                        "Ti", 1_099_511_627_776L,
                        "p", 1_000_000_000_000_000L,
                        "EB", 1_152_921_504_606_846_976L,
                        "negative", -1_000_000L,
                        "in_array", List.of(1_000L, 2_097_152L),
                        "not_a_size", "1Ghz"),
                "durations", map(
                        "unquoted_minutes", 2_000_000L, // an unquoted 2m is a size, as in nats-server
                        "quoted_minutes", "2m",
                        "unquoted_millis", "500ms",
                        "quoted_millis", "500ms",
                        "hours_minutes", "1h30m"),
                "listen", "127.0.0.1:4222",
                "ip", "10.0.0.1",
                "since", Instant.parse("2016-05-04T18:53:41Z"),
                "commas", List.of(1L, "two", 3.5),
                "newlines", List.of("alpha", "beta", "gamma"),
                "nested_arrays", List.of(List.of(1L, 2L), List.of(), map("a", 1L)),
                "password", "s3cret",
                "index", 22L,
                "nest", map("index", 11L, "inner", 11L, "deeper", map("value", 11L)),
                "outer", 22L,
                "home", System.getenv("HOME"),
                "users", List.of(
                        map("user", "alice", "password", "s3cret"),
                        map("user", "bob", "password", "$2a$11$abc")),
                "cluster", map(
                        "name", "jstan",
                        "port", 6222L,
                        "authorization", map("user", "route_user", "timeout", 6222L),
                        "routes", List.of("nats-route://a:6222", "nats-route://b:6222")),
                "map_equals", map("a", 1L, "b", 2L),
                "map_colon", map(),
                "overridden_by_include", "included",
                "from_include", true,
                "overridden_later", "main",
                "nested_include", "in includes/",
                "deepest", 3L,
                "block_include", map("deepest", 3L));

        assertSameConfig(expected, ConfigParser.parseFile(resource("all-syntax.conf")));
    }

    @Test
    void parsesJsonStyleFiles() throws ConfigException {
        String json = """
                {
                  "http_port": 8223,
                  "cluster": {"port": 6222, "routes": ["nats://a:4222", "nats://b:4222"]},
                  "debug": false
                }
                """;
        assertSameConfig(
                map("http_port", 8223L,
                        "cluster", map("port", 6222L, "routes", List.of("nats://a:4222", "nats://b:4222")),
                        "debug", false),
                ConfigParser.parse(json, ORIGIN));
    }

    @Test
    void ignoresStrayClosingBraceAtTopLevelAsNatsServerDoes() throws ConfigException {
        assertSameConfig(map("accounts", map("users", List.of(map()))),
                ConfigParser.parse("accounts { users = [{}]}\n}\n", ORIGIN));
    }

    @Test
    void laterKeyReplacesEarlierValue() throws ConfigException {
        assertSameConfig(map("port", 2L, "host", "h"), ConfigParser.parse("port = 1\nhost = h\nport = 2", ORIGIN));
    }

    @Test
    void emptyOrCommentOnlyTextIsAnEmptyMap() throws ConfigException {
        assertSameConfig(map(), ConfigParser.parse("", ORIGIN));
        assertSameConfig(map(), ConfigParser.parse("\n  # only a comment\n// and another\n", ORIGIN));
    }

    @Test
    void readsVariablesFromTheProcessEnvironment() throws ConfigException {
        assertSameConfig(map("path", System.getenv("PATH"), "home", System.getenv("HOME")),
                ConfigParser.parse("path = $PATH\nhome: $HOME", ORIGIN));
    }

    @Test
    void keyDefinedEarlierTakesPrecedenceOverEnvironment() throws ConfigException {
        assertSameConfig(map("HOME", "mine", "home", "mine"), ConfigParser.parse("HOME = mine\nhome = $HOME", ORIGIN));
    }

    @Test
    void environmentValuesAreParsedAsValues() throws ConfigException {
        Map<String, String> env = Map.of(
                "NUMBER", "22",
                "FLAG", "true",
                "LIST", "[1, 2]",
                "QUOTED", "'3xyz'",
                "SIZE_LIKE", "3Gyz",
                "SIZE", "1MB",
                "EMPTY", "",
                "INDIRECT", "$NUMBER");
        String text = String.join("\n",
                "number = $NUMBER", "flag = $FLAG", "list = $LIST", "quoted = $QUOTED",
                "size_like = $SIZE_LIKE", "size = $SIZE", "empty = $EMPTY", "indirect = $INDIRECT");

        assertSameConfig(
                map("number", 22L, "flag", true, "list", List.of(1L, 2L), "quoted", "3xyz",
                        "size_like", "3Gyz", "size", 1_048_576L, "empty", "", "indirect", 22L),
                ConfigParser.parse(text, ORIGIN, env::get));
    }

    @Test
    void variableInsideArrayElementSeesEnclosingMaps() throws ConfigException {
        assertSameConfig(
                map("pass", "p", "auth", map("users", List.of(map("user", "a", "password", "p")))),
                ConfigParser.parse("pass = p\nauth { users = [ {user: a, password: $pass} ] }", ORIGIN, name -> null));
    }

    @Test
    void blockStringEndsOnlyAtParenthesisAloneAtLineStart() throws ConfigException {
        assertEquals("\n  12(34)56\n  (\n    7890\n  )\n",
                ConfigParser.parse("numbers (\n  12(34)56\n  (\n    7890\n  )\n)\n", ORIGIN).get("numbers"));
    }

    @Test
    void unquotedValueEndsAtSingleQuoteWhichIsDropped() throws ConfigException {
        assertSameConfig(map("foo", "bar"), ConfigParser.parse("foo = bar' ", ORIGIN));
    }

    @Test
    void keyAndValueMayBeSeparatedByNewLinesInsideMaps() throws ConfigException {
        assertSameConfig(map("m", map("a", 1L)), ConfigParser.parse("m {\n  a =\n    1\n}", ORIGIN));
    }

    @Test
    void escapedBytesFormUtf8AndBareEscapedWordsStayStrings() throws ConfigException {
        assertSameConfig(map("e", "\u00e9", "t", "\\true", "v", "\\$var"),
                ConfigParser.parse("e = \"\\xc3\\xa9\"\nt = \\\\true\nv = \\\\$var", ORIGIN));
    }
}

package io.jstan.broker.nats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * The JSON of a client's CONNECT, with nats-server's field names and defaults: a field the
 * client leaves out is false, except verbose, pedantic and echo, which are on.
 */
record ConnectOptions(
        Boolean verbose,
        Boolean pedantic,
        boolean tlsRequired,
        String user,
        String pass,
        String authToken,
        String name,
        String lang,
        String version,
        long protocol,
        Boolean echo,
        boolean headers,
        boolean noResponders) {

    static final ConnectOptions DEFAULTS =
            new ConnectOptions(null, null, false, null, null, null, null, null, null, 0, null, false, false);
    /** Read with Jackson's streaming parser: its data binding would take a few hundred milliseconds to load at startup. */
    private static final JsonFactory JSON = new JsonFactory();

    /**
     * Reads a CONNECT's JSON as nats-server's Go decoder does: unknown fields are skipped, null
     * leaves a field as it was, and a value of the wrong type, or anything after the object, is an
     * error.
     *
     * @throws IOException when the JSON is malformed or a field has a value of the wrong type
     */
    static ConnectOptions parse(String json) throws IOException {
        Boolean verbose = null;
        Boolean pedantic = null;
        Boolean echo = null;
        boolean tlsRequired = false;
        boolean headers = false;
        boolean noResponders = false;
        String user = null;
        String pass = null;
        String authToken = null;
        String name = null;
        String lang = null;
        String version = null;
        long protocol = 0;
        try (JsonParser parser = JSON.createParser(json)) {
            expect(parser.nextToken() == JsonToken.START_OBJECT, parser, "an object");
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_NULL) {
                    continue;
                }
                switch (field) {
                    case "verbose" -> verbose = bool(parser, value);
                    case "pedantic" -> pedantic = bool(parser, value);
                    case "echo" -> echo = bool(parser, value);
                    case "tls_required" -> tlsRequired = bool(parser, value);
                    case "headers" -> headers = bool(parser, value);
                    case "no_responders" -> noResponders = bool(parser, value);
                    case "user" -> user = string(parser, value);
                    case "pass" -> pass = string(parser, value);
                    case "auth_token" -> authToken = string(parser, value);
                    case "name" -> name = string(parser, value);
                    case "lang" -> lang = string(parser, value);
                    case "version" -> version = string(parser, value);
                    case "protocol" -> {
                        expect(value == JsonToken.VALUE_NUMBER_INT, parser, "an integer for protocol");
                        protocol = parser.getLongValue();
                    }
                    default -> parser.skipChildren();
                }
            }
            expect(parser.currentToken() == JsonToken.END_OBJECT && parser.nextToken() == null, parser,
                    "nothing after the object");
        }
        return new ConnectOptions(verbose, pedantic, tlsRequired, user, pass, authToken, name, lang, version, protocol,
                echo, headers, noResponders);
    }

    private static boolean bool(JsonParser parser, JsonToken value) throws IOException {
        expect(value.isBoolean(), parser, "true or false for " + parser.currentName());
        return value == JsonToken.VALUE_TRUE;
    }

    private static String string(JsonParser parser, JsonToken value) throws IOException {
        expect(value == JsonToken.VALUE_STRING, parser, "a string for " + parser.currentName());
        return parser.getText();
    }

    private static void expect(boolean holds, JsonParser parser, String what) throws IOException {
        if (!holds) {
            throw new IOException("expected " + what + " at column " + parser.currentLocation().getColumnNr());
        }
    }

    boolean verboseEnabled() {
        return verbose == null || verbose;
    }

    boolean pedanticEnabled() {
        return pedantic == null || pedantic;
    }

    boolean echoEnabled() {
        return echo == null || echo;
    }
}

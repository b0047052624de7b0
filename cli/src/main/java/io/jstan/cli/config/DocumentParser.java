package io.jstan.cli.config;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the structure of one configuration source: entries ({@code key: value},
 * {@code key = value}, {@code key value}), maps, arrays, comments, includes and variable
 * references. Scalars are read by {@link ScalarScanner}; included files and environment
 * variables are handed to the {@link ParseSession}.
 */
final class DocumentParser {
    /** Where entries are read; each kind ends, and separates its entries, in its own way. */
    private enum Block {
        /** The source itself, ending at its end. */
        TOP,
        /** A '{' where a top-level key is expected (JSON-style files): its entries are top-level entries. */
        WRAPPER,
        /** A '{' value: a map of its own, where a new line may come between a key's separator and its value. */
        MAP
    }

    private final Source src;
    private final ScalarScanner scalars;
    private final ParseSession session;
    /** The maps being filled, innermost first: the scopes of variable references. */
    private final Deque<Map<String, Object>> openMaps = new ArrayDeque<>();

    DocumentParser(Source src, ParseSession session) {
        this.src = src;
        this.scalars = new ScalarScanner(src);
        this.session = session;
    }

    Map<String, Object> parseDocument() throws ConfigException {
        Map<String, Object> root = new LinkedHashMap<>();
        openMaps.push(root);
        readEntries(root, Block.TOP, 0);
        return root;
    }

    /** The source as a single value, such as an environment variable's; empty text is the empty string. */
    Object parseLoneValue() throws ConfigException {
        skipSpaceAndComments();
        if (src.peek() == Source.EOF) {
            return "";
        }
        Object value = readValue();
        skipSpaceAndComments();
        if (src.peek() != Source.EOF) {
            throw src.errorAt(src.pos(), "unexpected " + Chars.describe(src.peek()) + " after the value");
        }
        return value;
    }

    private void readEntries(Map<String, Object> map, Block block, int open) throws ConfigException {
        while (true) {
            skipSpaceAndComments();
            int c = src.peek();
            if (c == Source.EOF) {
                if (block == Block.TOP) {
                    return;
                }
                throw src.errorAt(open, "'{' is never closed: no matching '}'");
            }
            if (c == '}') {
                src.advance();
                if (block == Block.TOP) {
                    continue; // nats-server ignores a stray '}' at the top level
                }
                return;
            }
            if (c == '{' && block != Block.MAP) {
                int wrapperOpen = src.pos();
                src.advance();
                readEntries(map, Block.WRAPPER, wrapperOpen);
                continue;
            }
            String entry = readEntry(map, block);
            if (endEntry(block, entry)) {
                return;
            }
        }
    }

    /** Reads a key and its value, or an include, into {@code map}; returns how to name it in messages. */
    private String readEntry(Map<String, Object> map, Block block) throws ConfigException {
        int c = src.peek();
        if (Chars.isKeySeparator(c) || c == ']') {
            throw src.errorAt(src.pos(), "expected a key, found " + Chars.describe(c));
        }
        boolean quoted = c == '"' || c == '\'';
        String key = quoted ? quotedKey() : bareKey();
        if (!quoted && key.equalsIgnoreCase("include") && Chars.isSpace(src.peek())) {
            return include(map);
        }
        skipSpace();
        String written = key;
        if (Chars.isKeySeparator(src.peek())) {
            written = key + (char) src.peek();
            src.advance();
            if (block == Block.MAP) {
                skipSpace();
            } else {
                skipBlanks();
            }
        }
        c = src.peek();
        if (c == Source.EOF || Chars.isNewline(c) || c == ';' || c == ',' || c == '}' || c == ']') {
            throw src.errorAt(src.pos(), "expected a value after '" + written + "'");
        }
        map.put(key, readValue());
        return "the value of '" + key + "'";
    }

    /**
     * After an entry: consumes what separates it from the next one.
     *
     * @return whether that was the '}' closing the block
     */
    private boolean endEntry(Block block, String entry) throws ConfigException {
        skipBlanks();
        skipComment();
        int c = src.peek();
        if (Chars.isNewline(c) || c == ';' || c == ',') {
            src.advance();
            return false;
        }
        if (c == '}') {
            src.advance();
            return block != Block.TOP;
        }
        if (c == Source.EOF) {
            return false;
        }
        String expected = block == Block.TOP ? "a new line, ',' or ';'" : "a new line, ',', ';' or '}'";
        throw src.errorAt(src.pos(), "expected " + expected + " after " + entry + ", found " + Chars.describe(c));
    }

    private String quotedKey() throws ConfigException {
        int open = src.pos();
        int close = src.indexOf((char) src.peek(), open + 1);
        if (close < 0) {
            throw src.errorAt(open, "key is never closed: no " + (char) src.peek() + " after this one");
        }
        src.seek(close + 1);
        return src.slice(open + 1, close);
    }

    private String bareKey() {
        int start = src.pos();
        while (src.peek() != Source.EOF && !Chars.isSpace(src.peek()) && !Chars.isKeySeparator(src.peek())) {
            src.advance();
        }
        return src.sliceFrom(start);
    }

    /** After the keyword {@code include}: merges the named file's entries into {@code map}. */
    private String include(Map<String, Object> map) throws ConfigException {
        skipBlanks();
        int at = src.pos();
        String name = includeName();
        map.putAll(session.parseInclude(src, at, name));
        return "include " + name;
    }

    private String includeName() throws ConfigException {
        int at = src.pos();
        int c = src.peek();
        if (c == '"' || c == '\'') {
            int close = src.indexOf((char) c, at + 1);
            if (close < 0) {
                throw src.errorAt(at, "include file name is never closed: no " + (char) c + " after this one");
            }
            src.seek(close + 1);
            return src.slice(at + 1, close);
        }
        boolean startsName = !(c == Source.EOF || Chars.isNewline(c) || Chars.isDigit(c) || "[{(-\\;}".indexOf(c) >= 0);
        if (!startsName) {
            throw src.errorAt(at, "expected a file name after 'include', found " + Chars.describe(c));
        }
        while (!endsIncludeName(src.peek())) {
            src.advance();
        }
        String name = src.sliceFrom(at);
        if (src.peek() == '\'') {
            src.advance(); // as for unquoted values, nats-server drops a single quote ending the name
        }
        return name;
    }

    private static boolean endsIncludeName(int c) {
        return c == Source.EOF || Chars.isNewline(c) || Chars.isBlank(c) || c == ';' || c == '}' || c == '\'';
    }

    private Object readValue() throws ConfigException {
        int c = src.peek();
        if (c == '[') {
            return readArray();
        }
        if (c == '{') {
            return readMap();
        }
        Object scalar = scalars.scan();
        return scalar instanceof VariableReference reference ? resolve(reference) : scalar;
    }

    private Map<String, Object> readMap() throws ConfigException {
        int open = src.pos();
        src.advance();
        Map<String, Object> map = new LinkedHashMap<>();
        openMaps.push(map);
        readEntries(map, Block.MAP, open);
        openMaps.pop();
        return map;
    }

    private List<Object> readArray() throws ConfigException {
        int open = src.pos();
        src.advance();
        List<Object> elements = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            int c = src.peek();
            if (c == ']') {
                src.advance();
                return elements;
            }
            if (c == ',' || c == ';' || c == '}') {
                throw src.errorAt(src.pos(), "expected an array element or ']', found " + Chars.describe(c));
            }
            if (c == Source.EOF) {
                throw src.errorAt(open, "'[' is never closed: no matching ']'");
            }
            elements.add(readValue());
            skipBlanks();
            skipComment();
            c = src.peek();
            if (c == ',' || Chars.isNewline(c)) {
                src.advance();
            } else if (c != ']' && c != Source.EOF) {
                throw src.errorAt(src.pos(), "expected ',', a new line or ']' after an array element, found "
                        + Chars.describe(c));
            }
        }
    }

    /** A key defined earlier in this or an enclosing map, else an environment variable. */
    private Object resolve(VariableReference reference) throws ConfigException {
        String name = reference.name();
        if (name.startsWith("2a$")) {
            return "$" + name; // a bcrypt hash ($2a$...), which nats-server lets passwords carry unquoted
        }
        for (Map<String, Object> map : openMaps) {
            if (map.containsKey(name)) {
                return map.get(name);
            }
        }
        return session.environmentValue(name, src, reference.offset());
    }

    private void skipSpaceAndComments() {
        while (true) {
            if (Chars.isSpace(src.peek())) {
                src.advance();
            } else if (startsComment()) {
                skipComment();
            } else {
                return;
            }
        }
    }

    private boolean startsComment() {
        return src.peek() == '#' || (src.peek() == '/' && src.peekAt(1) == '/');
    }

    /** Skips a comment, if one starts here, up to (not including) the end of its line. */
    private void skipComment() {
        if (startsComment()) {
            while (src.peek() != Source.EOF && !Chars.isNewline(src.peek())) {
                src.advance();
            }
        }
    }

    private void skipSpace() {
        while (Chars.isSpace(src.peek())) {
            src.advance();
        }
    }

    private void skipBlanks() {
        while (Chars.isBlank(src.peek())) {
            src.advance();
        }
    }
}

package io.jstan.cli.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Reads one scalar value at the read position of a {@link Source}: a quoted, bare or
 * parenthesised block string, a boolean, an integer, a size, a float, a date-time, an IP
 * address, or a {@link VariableReference}. Like nats-server, what an unquoted value is
 * follows from how it starts and how it goes on: {@code 2m} is a size (2000000) while
 * {@code 500ms} and {@code 1h} are strings.
 */
final class ScalarScanner {
    private static final Map<String, Boolean> BOOLEANS = Map.of(
            "true", true, "yes", true, "on", true,
            "false", false, "no", false, "off", false);
    /** The part of a date-time after its year, '0' standing for any digit. */
    private static final String DATE_TIME_AFTER_YEAR = "-00-00T00:00:00Z";
    private static final DateTimeFormatter ZULU =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withResolverStyle(ResolverStyle.STRICT);
    private static final String SIZE_LETTERS = "kKmMgGtTpPeE";
    private static final String SIZE_LETTER_TAILS = "bBiI";

    private final Source src;

    ScalarScanner(Source src) {
        this.src = src;
    }

    /** Reads the scalar starting at the read position, which must be a value's first character. */
    Object scan() throws ConfigException {
        int c = src.peek();
        return switch (c) {
            case '\'' -> singleQuoted();
            case '"' -> doubleQuoted();
            case '(' -> block();
            case '-' -> negativeNumber();
            case '.' -> throw src.errorAt(src.pos(), "a number must start with a digit, not '.'");
            default -> Chars.isDigit(c) ? numberOrString() : bareWord();
        };
    }

    /** Single quotes keep everything up to the next single quote as is, new lines included. */
    private String singleQuoted() throws ConfigException {
        int open = src.pos();
        int close = src.indexOf('\'', open + 1);
        if (close < 0) {
            throw src.errorAt(open, "string is never closed: no ' after this one");
        }
        src.seek(close + 1);
        return src.slice(open + 1, close);
    }

    private String doubleQuoted() throws ConfigException {
        int open = src.pos();
        src.advance();
        String value = readEscaped(c -> c == '"').text();
        if (src.peek() == Source.EOF) {
            throw src.errorAt(open, "string is never closed: no \" after this one");
        }
        src.advance();
        return value;
    }

    /**
     * A block string: everything after '(' up to a ')' alone at the start of a line,
     * the new line before it included.
     */
    private String block() throws ConfigException {
        int open = src.pos();
        int from = open + 1;
        for (int close = src.indexOf(')', from); close >= 0; close = src.indexOf(')', close + 1)) {
            boolean startsLine = src.charAt(close - 1) == '\n';
            boolean endsLine = close + 1 == src.length() || src.charAt(close + 1) == '\n';
            if (startsLine && endsLine) {
                src.seek(close + 1);
                return src.slice(from, close);
            }
        }
        throw src.errorAt(open, "block is never closed: no ')' alone at the start of a line after this '('");
    }

    /** An unquoted string, boolean or variable reference. */
    private Object bareWord() throws ConfigException {
        int start = src.pos();
        EscapedText word = readEscaped(c -> Chars.endsValue(c) || c == '\'');
        if (src.peek() == '\'') {
            // nats-server ends an unquoted string at a single quote, and drops the quote.
            src.advance();
        }
        if (word.hadEscapes()) {
            return word.text();
        }
        Boolean bool = BOOLEANS.get(word.text().toLowerCase(Locale.ROOT));
        if (bool != null) {
            return bool;
        }
        if (word.text().startsWith("$")) {
            return new VariableReference(word.text().substring(1), start);
        }
        return word.text();
    }

    /** Something starting with a digit: an integer, size, float, date-time, IP address or string. */
    private Object numberOrString() throws ConfigException {
        int start = src.pos();
        skipDigits();
        int c = src.peek();
        if (c == '-') {
            if (src.pos() - start == 4) {
                return dateTime(start);
            }
            throw src.errorAt(src.pos(), "a date-time must be in full Zulu form, like 2016-05-04T18:53:41Z");
        }
        if (c == '.') {
            return fraction(start);
        }
        if (SIZE_LETTERS.indexOf(c) >= 0) {
            return sizeOrString(start);
        }
        if (Chars.endsValue(c)) {
            return integer(start);
        }
        src.seek(start);
        return bareWord();
    }

    private Object negativeNumber() throws ConfigException {
        int start = src.pos();
        src.advance();
        if (!Chars.isDigit(src.peek())) {
            throw src.errorAt(src.pos(), "expected a digit after '-', found " + Chars.describe(src.peek()));
        }
        skipDigits();
        int c = src.peek();
        if (c == '.') {
            return fraction(start);
        }
        if (SIZE_LETTERS.indexOf(c) >= 0) {
            return sizeOrString(start);
        }
        return integer(start);
    }

    /** After the integer part and at the '.': a float, or an IP address such as 127.0.0.1:4222. */
    private Object fraction(int start) throws ConfigException {
        src.advance();
        if (!Chars.isDigit(src.peek())) {
            throw src.errorAt(src.pos(), "expected a digit after the '.' of a number, found " + Chars.describe(src.peek()));
        }
        skipDigits();
        if (src.peek() == '.') {
            while (Chars.isDigit(src.peek()) || src.peek() == '.' || src.peek() == ':' || src.peek() == '-') {
                src.advance();
            }
            return src.sliceFrom(start);
        }
        double value = Double.parseDouble(src.sliceFrom(start));
        if (Double.isInfinite(value)) {
            throw src.errorAt(start, "number " + src.sliceFrom(start) + " is out of range");
        }
        return value;
    }

    /** At a size letter after the digits: a size if the value ends after the unit, else a string. */
    private Object sizeOrString(int start) throws ConfigException {
        src.advance();
        while (SIZE_LETTER_TAILS.indexOf(src.peek()) >= 0) {
            src.advance();
        }
        if (!Chars.endsValue(src.peek())) {
            src.seek(start);
            return bareWord();
        }
        try {
            return SizeUnits.parse(src.sliceFrom(start));
        } catch (IllegalArgumentException e) {
            throw src.errorAt(start, e.getMessage());
        }
    }

    private long integer(int start) throws ConfigException {
        try {
            return Long.parseLong(src.sliceFrom(start));
        } catch (NumberFormatException e) {
            throw src.errorAt(start, "integer " + src.sliceFrom(start) + " is out of range");
        }
    }

    /** At the '-' after a four-digit year. */
    private Instant dateTime(int start) throws ConfigException {
        for (char expected : DATE_TIME_AFTER_YEAR.toCharArray()) {
            int c = src.peek();
            boolean matches = expected == '0' ? Chars.isDigit(c) : c == expected;
            if (!matches) {
                String wanted = expected == '0' ? "a digit" : "'" + expected + "'";
                throw src.errorAt(src.pos(), "expected " + wanted + " in date-time (written like 2016-05-04T18:53:41Z), found "
                        + Chars.describe(c));
            }
            src.advance();
        }
        String text = src.sliceFrom(start);
        try {
            return LocalDateTime.parse(text, ZULU).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw src.errorAt(start, "invalid date-time " + text);
        }
    }

    private void skipDigits() {
        while (Chars.isDigit(src.peek())) {
            src.advance();
        }
    }

    /** Reads up to the end of the source or a character {@code stop} accepts, decoding escapes. */
    private EscapedText readEscaped(IntPredicate stop) throws ConfigException {
        EscapedText out = new EscapedText();
        int runStart = src.pos();
        while (src.peek() != Source.EOF && !stop.test(src.peek())) {
            if (src.peek() == '\\') {
                out.append(src.sliceFrom(runStart));
                readEscape(out);
                runStart = src.pos();
            } else {
                src.advance();
            }
        }
        out.append(src.sliceFrom(runStart));
        return out;
    }

    private void readEscape(EscapedText out) throws ConfigException {
        int backslash = src.pos();
        src.advance();
        int c = src.peek();
        src.advance();
        switch (c) {
            case 't' -> out.appendEscaped("\t");
            case 'n' -> out.appendEscaped("\n");
            case 'r' -> out.appendEscaped("\r");
            case '"' -> out.appendEscaped("\"");
            case '\\' -> out.appendEscaped("\\");
            case 'x' -> out.appendByte(hexByte(backslash));
            default -> throw src.errorAt(backslash, "invalid escape: \\ followed by " + Chars.describe(c)
                    + " (allowed: \\xXX, \\t, \\n, \\r, \\\", \\\\)");
        }
    }

    private int hexByte(int backslash) throws ConfigException {
        int value = 0;
        for (int i = 0; i < 2; i++) {
            int c = src.peek();
            int digit = c >= 0 && c < 128 ? Character.digit(c, 16) : -1;
            if (digit < 0) {
                throw src.errorAt(backslash, "expected two hexadecimal digits after \\x, found " + Chars.describe(c));
            }
            value = value * 16 + digit;
            src.advance();
        }
        return value;
    }

    /**
     * Text with escapes decoded. {@code \xXX} adds a raw byte, so escaped bytes that form
     * UTF-8 together decode to their character.
     */
    private static final class EscapedText {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private boolean hadEscapes;

        void append(String text) {
            bytes.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        }

        void appendEscaped(String text) {
            append(text);
            hadEscapes = true;
        }

        void appendByte(int b) {
            bytes.write(b);
            hadEscapes = true;
        }

        boolean hadEscapes() {
            return hadEscapes;
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}

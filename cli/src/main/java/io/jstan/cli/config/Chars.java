package io.jstan.cli.config;

/** Character classes of the nats-server configuration syntax. */
final class Chars {
    private Chars() {
    }

    /** Space or tab: what may separate tokens on one line. */
    static boolean isBlank(int c) {
        return c == ' ' || c == '\t';
    }

    static boolean isNewline(int c) {
        return c == '\n' || c == '\r';
    }

    /** Any white space, new lines included. */
    static boolean isSpace(int c) {
        return c != Source.EOF && (Character.isWhitespace(c) || Character.isSpaceChar(c));
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    static boolean isKeySeparator(int c) {
        return c == '=' || c == ':';
    }

    /** Whether {@code c} ends an unquoted value (a bare string, a number, a size). */
    static boolean endsValue(int c) {
        return c == Source.EOF || isNewline(c) || isBlank(c)
                || c == ';' || c == ',' || c == ']' || c == '}';
    }

    /** {@code c} as it should appear in an error message. */
    static String describe(int c) {
        return switch (c) {
            case Source.EOF -> "the end of the file";
            case '\n', '\r' -> "a new line";
            case '\t' -> "a tab";
            default -> "'" + (char) c + "'";
        };
    }
}

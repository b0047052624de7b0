package io.jstan.cli.config;

import java.nio.file.Path;

/** The text of one configuration source with a read position, and errors located in it. */
final class Source {
    static final int EOF = -1;

    private final Path file;
    private final String text;
    private int pos;

    Source(Path file, String text) {
        this.file = file;
        this.text = text;
    }

    Path file() {
        return file;
    }

    int pos() {
        return pos;
    }

    void seek(int offset) {
        pos = offset;
    }

    int peek() {
        return peekAt(0);
    }

    int peekAt(int ahead) {
        int at = pos + ahead;
        return at < text.length() ? text.charAt(at) : EOF;
    }

    void advance() {
        pos++;
    }

    int length() {
        return text.length();
    }

    int charAt(int offset) {
        return text.charAt(offset);
    }

    int indexOf(char c, int from) {
        return text.indexOf(c, from);
    }

    /** The text from {@code from} up to the read position. */
    String sliceFrom(int from) {
        return text.substring(from, pos);
    }

    String slice(int from, int to) {
        return text.substring(from, to);
    }

    ConfigException errorAt(int offset, String reason) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new ConfigException(file, line, offset - lineStart + 1, reason);
    }
}

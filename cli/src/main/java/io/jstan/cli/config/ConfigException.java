package io.jstan.cli.config;

import java.nio.file.Path;

/**
 * A configuration file that cannot be read or parsed. The message is one line,
 * {@code <file>:<line>:<column>: <what is wrong>}, pointing into the file where the
 * problem is (an included file when the problem is there). Line and column are 1-based;
 * both are 0 when the file itself cannot be read, and the message is then
 * {@code <file>: <what is wrong>}.
 */
public final class ConfigException extends Exception {
    private final Path file;
    private final int line;
    private final int column;
    private final String reason;

    ConfigException(Path file, int line, int column, String reason) {
        super(line == 0 ? file + ": " + reason : file + ":" + line + ":" + column + ": " + reason);
        this.file = file;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** What is wrong, without the position. */
    String reason() {
        return reason;
    }
}

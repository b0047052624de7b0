package io.jstan.cli.options;

/**
 * A number of bytes, written in a configuration file or on the command line as an integer
 * with an optional unit ({@code 1048576}, {@code 1MB}, {@code 64KB}).
 */
public record ByteSize(long bytes) {

    /** The size as an int, for settings that nats-server keeps in 32 bits. */
    int toInt(String key) throws UsageException {
        if (bytes > Integer.MAX_VALUE || bytes < Integer.MIN_VALUE) {
            throw new UsageException(key + " value is too big: " + bytes);
        }
        return (int) bytes;
    }

    @Override
    public String toString() {
        return Long.toString(bytes);
    }
}

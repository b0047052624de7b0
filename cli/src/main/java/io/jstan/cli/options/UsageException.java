package io.jstan.cli.options;

/** A mistake in the command line or the configuration file, told to the user in one line. */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}

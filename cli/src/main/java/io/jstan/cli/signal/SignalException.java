package io.jstan.cli.signal;

/** A signal that could not be sent; the message is one line for the user. */
public final class SignalException extends Exception {
    public SignalException(String message) {
        super(message);
    }
}

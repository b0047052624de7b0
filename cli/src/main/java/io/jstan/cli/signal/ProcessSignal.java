package io.jstan.cli.signal;

import java.util.Locale;

/** The commands of {@code -sl}, and the signal each sends, as nats-server maps them. */
public enum ProcessSignal {
    STOP("KILL"),
    QUIT("INT"),
    REOPEN("USR1");

    private final String signalName;

    ProcessSignal(String signalName) {
        this.signalName = signalName;
    }

    /** The name {@code kill -s} takes. */
    public String signalName() {
        return signalName;
    }

    public String command() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package io.jstan.cli.tools;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;

import java.io.PrintStream;

/** What the NATS connection under a tool reports, one line each on stderr rather than through java.util.logging. */
final class ToolErrorListener implements ErrorListener {
    private final PrintStream err;

    ToolErrorListener(PrintStream err) {
        this.err = err;
    }

    @Override
    public void errorOccurred(Connection connection, String error) {
        err.println("jstan: NATS server error: " + error);
    }

    @Override
    public void exceptionOccurred(Connection connection, Exception exception) {
        err.println("jstan: NATS connection: " + exception);
    }
}

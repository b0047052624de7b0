package io.jstan.cli.tools;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The connections a bench run opened, closed together at its end. */
final class BenchClients implements AutoCloseable {
    private final List<AutoCloseable> clients = new ArrayList<>();

    <T extends AutoCloseable> T add(T client) {
        clients.add(client);
        return client;
    }

    /** Closes every client, even when one fails; the first failure is thrown, the others added to it. */
    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (AutoCloseable client : clients) {
            try {
                client.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IOException("closing a bench connection failed: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}

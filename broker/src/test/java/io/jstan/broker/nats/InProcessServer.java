package io.jstan.broker.nats;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A {@link NatsServer} on 127.0.0.1 and a random port for one test, closed after it: register
 * with {@code @RegisterExtension}, then {@link #start(NatsServerOptions)} it with the options the
 * test needs, or just ask for {@link #server()} to get one with the defaults.
 */
final class InProcessServer implements AfterEachCallback {
    private NatsServer server;

    /** Starts the server with {@code options}, bound to 127.0.0.1 and a random port. */
    NatsServer start(NatsServerOptions options) {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        server = new NatsServer(options.host("127.0.0.1").port(NatsServerOptions.RANDOM_PORT));
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }

    /** The server of this test, started with the default options if it was not started yet. */
    NatsServer server() {
        return server != null ? server : start(new NatsServerOptions());
    }

    int port() {
        return server().port();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}

package io.jstan.broker.streaming;

import io.jstan.broker.nats.NatsServer;
import io.jstan.broker.nats.NatsServerOptions;
import io.jstan.broker.testing.StanClients;
import io.jstan.store.Store;
import io.jstan.store.memory.MemoryStore;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An embedded NATS server with a streaming server on a MEMORY store, for one test: register with
 * {@code @RegisterExtension}, then {@link #start(StreamingOptions)} it, or just ask for
 * {@link #clients()} to get one with the defaults.
 */
final class InProcessStreaming implements AfterEachCallback {
    private NatsServer nats;
    private Store store;
    private StreamingServer streaming;

    StreamingServer start(StreamingOptions options) {
        return start(options, new MemoryStore());
    }

    /** With a store of the test's own, which this extension closes. */
    StreamingServer start(StreamingOptions options, Store testStore) {
        if (nats != null) {
            throw new IllegalStateException("already started");
        }
        nats = new NatsServer(new NatsServerOptions().host("127.0.0.1").port(NatsServerOptions.RANDOM_PORT));
        try {
            nats.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store = testStore;
        streaming = StreamingServer.start(nats.bus(), store, options);
        return streaming;
    }

    StreamingServer server() {
        if (nats == null) {
            start(new StreamingOptions());
        }
        return streaming;
    }

    NatsServer nats() {
        server();
        return nats;
    }

    StanClients clients() {
        server();
        return new StanClients("nats://127.0.0.1:" + nats.port());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (streaming != null) {
            streaming.close();
        }
        if (store != null) {
            store.close();
        }
        if (nats != null) {
            nats.close();
        }
        nats = null;
    }
}

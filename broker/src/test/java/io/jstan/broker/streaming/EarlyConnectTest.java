package io.jstan.broker.streaming;

import io.jstan.broker.bus.Bus;
import io.jstan.broker.bus.JnatsBus;
import io.jstan.broker.nats.NatsServer;
import io.jstan.broker.nats.NatsServerOptions;
import io.jstan.broker.testing.ClientWaits;
import io.jstan.broker.testing.PausedRecoveryStore;
import io.jstan.broker.testing.ReferenceNatsServer;
import io.jstan.broker.testing.StanClients;
import io.jstan.store.memory.MemoryStore;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.nats.streaming.NatsStreaming;
import io.nats.streaming.Options;
import io.nats.streaming.StreamingConnection;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A client that asks to connect while the streaming server starts, its store still recovering, is
 * answered once the server serves, within java-nats-streaming's default connect timeout: where the
 * NATS server takes clients before the streaming server is ready (routes or a fault-tolerance
 * group on the embedded server, an external server with -ns).
 */
class EarlyConnectTest {
    private static final String DISCOVERY = "_STAN.discover." + StanClients.CLUSTER_ID;

    @Test
    void onTheEmbeddedServerAlreadyListening() throws Exception {
        try (NatsServer nats = new NatsServer(new NatsServerOptions().host("127.0.0.1").port(NatsServerOptions.RANDOM_PORT))) {
            nats.start();
            aClientThatAsksDuringTheStartIsAnswered(nats.bus(), "nats://127.0.0.1:" + nats.port());
        }
    }

    @Test
    void onAnExternalServer() throws Exception {
        try (ReferenceNatsServer nats = ReferenceNatsServer.start();
             JnatsBus bus = JnatsBus.connect(new io.nats.client.Options.Builder().server(nats.url()).build())) {
            aClientThatAsksDuringTheStartIsAnswered(bus, nats.url());
        }
    }

    private static void aClientThatAsksDuringTheStartIsAnswered(Bus bus, String url) throws Exception {
        PausedRecoveryStore store = new PausedRecoveryStore(new MemoryStore());
        CompletableFuture<StreamingServer> starting =
                CompletableFuture.supplyAsync(() -> StreamingServer.start(bus, store, new StreamingOptions()));
        store.awaitRecovering();
        try (Connection watcher = Nats.connect(url)) {
            Subscription requests = watcher.subscribe(DISCOVERY);
            watcher.flush(ClientWaits.WAIT);
            CompletableFuture<StreamingConnection> connecting = CompletableFuture.supplyAsync(() -> {
                try {
                    return NatsStreaming.connect(StanClients.CLUSTER_ID, "early", new Options.Builder().natsUrl(url).build());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            ClientWaits.next(requests, "the client's connect request");
            store.resume();

            try (StreamingServer streaming = starting.get(ClientWaits.WAIT.toMillis(), TimeUnit.MILLISECONDS);
                 StreamingConnection client = connecting.get(ClientWaits.WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                client.publish("early", StanClients.bytes("served"));
            }
        } finally {
            store.resume();
            store.close();
        }
    }
}

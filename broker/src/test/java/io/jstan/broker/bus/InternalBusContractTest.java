package io.jstan.broker.bus;

import io.jstan.broker.nats.NatsServer;
import io.jstan.broker.nats.NatsServerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;

/** The bus contract, kept by the embedded server's in-process bus. */
class InternalBusContractTest extends BusContractTest {
    private NatsServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new NatsServer(new NatsServerOptions().host("127.0.0.1").port(NatsServerOptions.RANDOM_PORT));
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Override
    protected Bus bus() {
        return server.bus();
    }

    @Override
    protected String serverUrl() {
        return "nats://127.0.0.1:" + server.port();
    }
}

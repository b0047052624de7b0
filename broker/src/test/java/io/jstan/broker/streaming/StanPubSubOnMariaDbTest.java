package io.jstan.broker.streaming;

/** The same scenarios on an SQL store in MariaDB. */
class StanPubSubOnMariaDbTest extends StanPubSubTest {
    @Override
    InProcessStreaming newServer() {
        return InProcessStreaming.onMariaDb();
    }
}

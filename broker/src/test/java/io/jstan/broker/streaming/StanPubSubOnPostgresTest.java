package io.jstan.broker.streaming;

/** The same scenarios on an SQL store in PostgreSQL. */
class StanPubSubOnPostgresTest extends StanPubSubTest {
    @Override
    InProcessStreaming newServer() {
        return InProcessStreaming.onPostgres();
    }
}

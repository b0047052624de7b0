package io.jstan.broker.streaming;

/** The same scenarios on an SQL store in PostgreSQL. */
class StanDeliveryOnPostgresTest extends StanDeliveryTest {
    @Override
    InProcessStreaming newServer() {
        return InProcessStreaming.onPostgres();
    }
}

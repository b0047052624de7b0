package io.jstan.broker.streaming;

/** The same scenarios on an SQL store in PostgreSQL. */
class StanQueueGroupOnPostgresTest extends StanQueueGroupTest {
    @Override
    InProcessStreaming newServer() {
        return InProcessStreaming.onPostgres();
    }
}

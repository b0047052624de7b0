package io.jstan.broker.streaming;

/** The same scenarios on an SQL store in PostgreSQL. */
class StanLimitOnPostgresTest extends StanLimitTest {
    @Override
    InProcessStreaming newServer() {
        return InProcessStreaming.onPostgres();
    }
}

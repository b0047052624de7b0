package io.jstan.broker.streaming;

/** The same scenarios on an SQL store in PostgreSQL. */
class ReplaceDurableOnPostgresTest extends ReplaceDurableTest {
    @Override
    InProcessStreaming newServer() {
        return InProcessStreaming.onPostgres();
    }
}

package io.jstan.broker.streaming;

/** The same scenarios on an SQL store in MariaDB. */
class ReplaceDurableOnMariaDbTest extends ReplaceDurableTest {
    @Override
    InProcessStreaming newServer() {
        return InProcessStreaming.onMariaDb();
    }
}

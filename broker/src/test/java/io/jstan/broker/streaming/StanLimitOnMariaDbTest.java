package io.jstan.broker.streaming;

/** The same scenarios on an SQL store in MariaDB. */
class StanLimitOnMariaDbTest extends StanLimitTest {
    @Override
    InProcessStreaming newServer() {
        return InProcessStreaming.onMariaDb();
    }
}

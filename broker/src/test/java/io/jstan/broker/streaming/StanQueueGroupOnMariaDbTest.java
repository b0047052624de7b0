package io.jstan.broker.streaming;

/** The same scenarios on an SQL store in MariaDB. */
class StanQueueGroupOnMariaDbTest extends StanQueueGroupTest {
    @Override
    InProcessStreaming newServer() {
        return InProcessStreaming.onMariaDb();
    }
}

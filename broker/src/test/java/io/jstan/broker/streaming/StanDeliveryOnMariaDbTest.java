package io.jstan.broker.streaming;

/** The same scenarios on an SQL store in MariaDB. */
class StanDeliveryOnMariaDbTest extends StanDeliveryTest {
    @Override
    InProcessStreaming newServer() {
        return InProcessStreaming.onMariaDb();
    }
}

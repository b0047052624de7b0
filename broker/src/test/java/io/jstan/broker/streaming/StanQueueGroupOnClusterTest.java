package io.jstan.broker.streaming;

/** The same scenarios against three clustered nodes, the client on a follower's NATS server. */
class StanQueueGroupOnClusterTest extends StanQueueGroupTest {
    @Override
    InProcessStreaming newServer() {
        return InProcessStreaming.onCluster();
    }
}

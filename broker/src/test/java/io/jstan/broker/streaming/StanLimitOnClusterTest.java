package io.jstan.broker.streaming;

/** The same scenarios against three clustered nodes, the client on a follower's NATS server. */
class StanLimitOnClusterTest extends StanLimitTest {
    @Override
    InProcessStreaming newServer() {
        return InProcessStreaming.onCluster();
    }
}

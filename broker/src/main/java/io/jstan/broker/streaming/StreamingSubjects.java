package io.jstan.broker.streaming;

import io.jstan.store.proto.ServerInfo;

/**
 * The subjects a server listens on, as its stored {@link ServerInfo} names them: a recovered server
 * keeps the subjects its clients were told.
 */
final class StreamingSubjects {
    private StreamingSubjects() {
    }

    /** The server information of a new server with this cluster ID. */
    static ServerInfo newServerInfo(String clusterId) {
        return ServerInfo.newBuilder()
                .setClusterID(clusterId)
                .setDiscovery("_STAN.discover." + clusterId)
                .setPublish("_STAN.pub." + clusterId)
                .setSubscribe("_STAN.sub." + clusterId)
                .setUnsubscribe("_STAN.unsub." + clusterId)
                .setClose("_STAN.close." + clusterId)
                .setSubClose("_STAN.subclose." + clusterId)
                .setAcksSubs("_STAN.ack." + clusterId)
                .build();
    }

    static String pings(ServerInfo info) {
        return info.getDiscovery() + ".pings";
    }
}

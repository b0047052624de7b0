package io.jstan.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * nats-streaming-server's warning that a channel's max_msgs or max_bytes removes messages, which a
 * channel's message store logs the first time it happens (and again once emptied), with the counts
 * right after that first removal. Alerts are built on its text.
 */
public final class LimitsWarning {
    private static final Logger LOG = LoggerFactory.getLogger(LimitsWarning.class);

    private LimitsWarning() {
    }

    public static void log(String channel, long msgs, long bytes, ChannelLimits limits) {
        LOG.warn("Reached limits for store \"{}\" (msgs={}/{} bytes={}/{}), dropping old messages to make room for new ones",
                channel, msgs, limits.maxMsgs(), FriendlyBytes.format(bytes), FriendlyBytes.format(limits.maxBytes()));
    }
}

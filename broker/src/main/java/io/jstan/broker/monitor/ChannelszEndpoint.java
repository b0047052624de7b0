package io.jstan.broker.monitor;

import io.jstan.broker.streaming.ChannelView;
import io.jstan.broker.streaming.StreamingServer;

import java.time.Instant;
import java.util.List;

/**
 * /streaming/channelsz: the channels' names, paged with offset and limit, or with subs=1 each channel's
 * figures and subscriptions; channel=NAME answers that one channel alone (its subscriptions with subs=1), or 404.
 */
final class ChannelszEndpoint implements Endpoint {
    private final AttachedStreaming streaming;

    ChannelszEndpoint(AttachedStreaming streaming) {
        this.streaming = streaming;
    }

    @Override
    public String path() {
        return "/streaming/channelsz";
    }

    @Override
    public Object respond(QueryParameters query) {
        StreamingServer server = streaming.require();
        boolean withSubscriptions = query.integerOrZero("subs") == 1;
        List<ChannelView> channels = server.channels();
        String name = query.text("channel");
        if (!name.isEmpty()) {
            return channels.stream()
                    .filter(channel -> channel.name().equals(name))
                    .findFirst()
                    .map(channel -> Channelz.of(channel, withSubscriptions))
                    .orElseThrow(() -> new NotFoundException("Channel " + name + " not found"));
        }
        ListPage page = ListPage.requested(query);
        List<ChannelView> listed = page.of(channels);
        List<String> names = withSubscriptions ? null : listed.stream().map(ChannelView::name).toList();
        List<Channelz> described = withSubscriptions
                ? listed.stream().map(channel -> Channelz.of(channel, true)).toList()
                : null;
        return new Channelsz(server.clusterId(), server.serverId(), Instant.now(), page.offset(), page.limit(),
                listed.size(), channels.size(), names, described);
    }
}
